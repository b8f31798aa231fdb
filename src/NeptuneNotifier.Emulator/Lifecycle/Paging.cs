using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>
/// Pages of a listing, and the opaque tokens that remember where a page ended and which listing they belong to.
/// A token holds the creation sequence of the page's last entry, so it stays valid while entries are added (they
/// come after it) or removed (the next page starts after it all the same).
/// </summary>
internal static class Paging
{
    /// <summary>
    /// Page size when a request leaves out <c>maxResults</c>. The API reference gives only the range 1..100
    /// (https://docs.aws.amazon.com/neptune-analytics/latest/apiref/API_ListExportTasks.html), not the default;
    /// the emulator answers up to the maximum. Our client always sends <c>maxResults</c>, so the choice does not
    /// reach it.
    /// </summary>
    public const int DefaultPageSize = 100;

    /// <summary>
    /// The page after <paramref name="after"/> of <paramref name="source"/>, which must be in ascending
    /// <paramref name="sequenceOf"/> order: a binary search finds the start, so a page costs its own size plus a
    /// logarithm, however long the listing. A page that ends at the last entry carries no next token.
    /// </summary>
    public static Page<T> PageOf<T>(IReadOnlyList<T> source, Func<T, long> sequenceOf, long after, int? maxResults, string kind, string? filter)
    {
        var limit = maxResults ?? DefaultPageSize;
        var start = FirstAfter(source, sequenceOf, after);
        var end = (int)Math.Min(source.Count, (long)start + limit);
        var items = new List<T>(end - start);
        for (var i = start; i < end; i++)
        {
            items.Add(source[i]);
        }

        return new Page<T>(items, end < source.Count ? Encode(kind, filter, sequenceOf(source[end - 1])) : null);
    }

    public static string Encode(string kind, string? filter, long lastSequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1|{kind}|{filter}|{lastSequence.ToString(CultureInfo.InvariantCulture)}"));

    public static long Decode(string? token, string kind, string? filter)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            if (parts.Length == 4 && parts[0] == "v1" && parts[1] == kind && parts[2] == (filter ?? string.Empty)
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
            // Falls through to the same answer as any other token this listing did not issue.
        }

        throw EmulatorException.Validation("Invalid nextToken: it was not issued for this listing.", "BAD_REQUEST");
    }

    private static int FirstAfter<T>(IReadOnlyList<T> source, Func<T, long> sequenceOf, long after)
    {
        var (low, high) = (0, source.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sequenceOf(source[middle]) <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
