namespace NeptuneNotifier.Emulator;

/// <summary>
/// Answers shaped the way a real service may shape them and a model-true emulator never would: export tasks answered
/// sparsely (only <c>taskId</c>, <c>graphId</c>, <c>status</c> and <c>statusReason</c>, though the model marks more
/// members required), and malformed entries added to a graph's ListExportTasks page. For testing clients that must
/// read answers as leniently as the official SDKs.
/// </summary>
internal sealed class AnswerQuirks
{
    /// <summary>The entry added when none is given: an export task without its taskId.</summary>
    public static string DefaultMalformedEntry(string graphId) =>
        $$"""{"graphId":"{{graphId}}","status":"FAILED","statusReason":"An entry without a taskId, added by the emulator."}""";

    private readonly Lock gate = new();
    private readonly HashSet<string> sparseTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> malformedEntries = new(StringComparer.Ordinal);

    public void SetSparse(string taskId, bool sparse)
    {
        lock (gate)
        {
            _ = sparse ? sparseTasks.Add(taskId) : sparseTasks.Remove(taskId);
        }
    }

    public bool IsSparse(string taskId)
    {
        lock (gate)
        {
            return sparseTasks.Contains(taskId);
        }
    }

    /// <summary>Adds one raw entry; throws <see cref="ArgumentException"/> when it is not a single JSON value.</summary>
    public void AddMalformedEntry(string graphId, string entryJson)
    {
        string raw;
        try
        {
            using var document = JsonDocument.Parse(entryJson);
            raw = document.RootElement.GetRawText();
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"A malformed entry must still be one JSON value (the listing stays JSON): {exception.Message}", nameof(entryJson), exception);
        }

        lock (gate)
        {
            if (!malformedEntries.TryGetValue(graphId, out var entries))
            {
                malformedEntries[graphId] = entries = [];
            }

            entries.Add(raw);
        }
    }

    public void ClearMalformedEntries(string graphId)
    {
        lock (gate)
        {
            malformedEntries.Remove(graphId);
        }
    }

    /// <summary>
    /// The raw entries that open the first page of a ListExportTasks listing: those of <paramref name="graphId"/>, or
    /// of every graph when the listing is not filtered. Later pages carry none.
    /// </summary>
    public IReadOnlyList<string> MalformedEntriesFor(string? graphId, bool firstPage)
    {
        if (!firstPage)
        {
            return [];
        }

        lock (gate)
        {
            return graphId is null
                ? [.. malformedEntries.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value)]
                : malformedEntries.TryGetValue(graphId, out var entries) ? [.. entries] : [];
        }
    }
}
