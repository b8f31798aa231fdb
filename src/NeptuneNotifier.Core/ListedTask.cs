namespace NeptuneNotifier.Core;

/// <summary>One entry of a task listing (ListExportTasks of a graph, or ListImportTasks of the account).</summary>
/// <param name="TaskId">The task identifier as listed; checked by the caller.</param>
/// <param name="Status">The status the listing reports, or null when it reported none that is usable.</param>
/// <param name="GraphId">The graph the entry names, when it names one (the listing's entries need only a task id and a status).</param>
public sealed record ListedTask(string TaskId, NeptuneTaskStatus? Status, string? GraphId = null);

/// <summary>One page of a graph's task listing.</summary>
/// <param name="Tasks">The entries of the page, in the service's order.</param>
/// <param name="NextToken">Where the next page starts; null (or empty) on the last page.</param>
public sealed record ListedPage(IReadOnlyList<ListedTask> Tasks, string? NextToken);

/// <summary>The names under which listing page counts are remembered besides graph ids.</summary>
public static class ListingKeys
{
    /// <summary>The account's import task listing (ListImportTasks, one for every graph): not a graph id, so it never collides with one.</summary>
    public const string Imports = "imports";

    /// <summary>True when <paramref name="key"/> names a listing whose page count may be remembered: a graph id or <see cref="Imports"/>.</summary>
    public static bool IsListingKey(string? key) => key == Imports || TaskIds.IsGraphId(key);

    /// <summary>Throws unless <paramref name="key"/> is a graph id or <see cref="Imports"/>.</summary>
    /// <exception cref="ArgumentException">Names the key.</exception>
    public static void ThrowIfInvalid(string key)
    {
        if (!IsListingKey(key))
        {
            throw new ArgumentException($"'{key}' is neither a graph identifier ({TaskIds.GraphIdRule}) nor '{Imports}'.", nameof(key));
        }
    }
}
