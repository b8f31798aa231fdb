using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>Pages of a listing, and the opaque tokens that remember where a page ended and which listing they belong to.</summary>
internal static class Paging
{
    public static Page<T> PageOf<T>(IEnumerable<(long Sequence, T Item)> source, long after, int? maxResults, string kind, string? filter)
    {
        var limit = maxResults ?? 100;
        var items = source.Where(entry => entry.Sequence > after).OrderBy(entry => entry.Sequence).Take(limit + 1).ToList();
        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }

        return new Page<T>([.. items.Select(entry => entry.Item)], more ? Encode(kind, filter, items[^1].Sequence) : null);
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
}
