namespace NeptuneNotifier.Core;

/// <summary>
/// How a status reason is cut wherever there is room for only so much of it (the stored state, a chat message, a
/// message size limit): the first characters up to the limit, never splitting a surrogate pair, then a marker that
/// says how many characters were cut. Each place passes its own limit.
/// </summary>
public static class StatusReasonTruncation
{
    /// <summary>True when <paramref name="reason"/> is longer than <paramref name="maxChars"/>, so <see cref="Cut"/> shortens it.</summary>
    public static bool IsCut(string reason, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Length > maxChars;
    }

    /// <summary>
    /// <paramref name="reason"/> itself when it has at most <paramref name="maxChars"/> UTF-16 units; otherwise its
    /// first <paramref name="maxChars"/> units (one fewer when the last is the first half of a surrogate pair) followed
    /// by <c>… [N more characters cut]</c>. The marker comes on top of the limit.
    /// </summary>
    public static string Cut(string reason, int maxChars)
    {
        if (!IsCut(reason, maxChars))
        {
            return reason;
        }

        var cut = Math.Max(0, maxChars);
        if (cut > 0 && char.IsHighSurrogate(reason[cut - 1]))
        {
            cut--;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{reason.AsSpan(0, cut)}… [{reason.Length - cut} more characters cut]");
    }
}
