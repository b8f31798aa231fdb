using System.Security.Cryptography;
using System.Text;

namespace NeptuneNotifier.Core.Notifications;

// Text helpers for content that comes from the service and must not break the formats it lands in.
internal static class NotificationText
{
    // Keeps line breaks and turns every other control character (and lone surrogates) into a visible replacement.
    public static string MultiLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '\n')
            {
                builder.Append(c);
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else
            {
                AppendSafe(builder, value, ref i);
            }
        }

        return builder.ToString();
    }

    // One line: every control character, line breaks included, becomes a space.
    public static string SingleLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                builder.Append(' ');
            }
            else
            {
                AppendSafe(builder, value, ref i);
            }
        }

        return builder.ToString();
    }

    // A value for Slack/Teams markdown: inside a code span nothing renders as markup, so only the characters that
    // could close the span (backtick) or be read as chat control sequences (angle brackets: Slack's <!here>,
    // <@user>, <url|text>) are swapped for look-alikes.
    public static string ChatSafe(string value) =>
        MultiLine(value).Replace('`', 'ˋ').Replace('<', '‹').Replace('>', '›');

    // A status shown in a subject or title: the value when it is a plain token, else its printable ASCII only.
    public static string StatusToken(NeptuneTaskStatus status)
    {
        var token = new string([.. status.Value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')]);
        return token.Length == 0 ? "UNKNOWN" : token;
    }

    // The deduplication part for a status: the value itself when it is a plain token, else a hash of it.
    public static string DeduplicationToken(NeptuneTaskStatus status)
    {
        var value = status.Value;
        return value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    // The statuses only imports have, in words (the API reference names them without saying what they mean:
    // https://docs.aws.amazon.com/neptune-analytics/latest/apiref/API_GetImportTask.html).
    public static string? StatusMeaning(NeptuneTaskStatus status) => status.Value switch
    {
        "ANALYZING_DATA" => "analyzing the source data",
        "IMPORTING" => "loading the data into the graph",
        "REPROVISIONING" => "resizing the graph for the load",
        "ROLLING_BACK" => "undoing the load after a failure",
        _ => null,
    };

    public static string Count(long? value) =>
        value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "not reported";

    public static string Progress(int? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v}%") : "not reported";

    public static string Elapsed(long? seconds)
    {
        if (seconds is not { } s || s < 0)
        {
            return "not reported";
        }

        var span = TimeSpan.FromSeconds(s);
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h {span.Minutes:00}m {span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s");
    }

    // A duration in the same words as Elapsed; a negative one (clocks apart) reads as zero.
    public static string Duration(TimeSpan value) => Elapsed(value < TimeSpan.Zero ? 0 : (long)value.TotalSeconds);

    // A threshold, as configured: whole minutes (code such as the demo may set a shorter one, shown as a duration).
    public static string Minutes(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerMinute == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalMinutes} min") : Duration(value);

    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void AppendSafe(StringBuilder builder, string value, ref int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            // Astral format characters (tag characters) hide text as well as the BMP ones below.
            var codePoint = char.ConvertToUtf32(c, value[i + 1]);
            i++;
            if (CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.Format)
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c).Append(value[i]);
            }
        }
        else if (char.IsSurrogate(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
        {
            // Control and format characters (bidi overrides, zero-width characters) could reorder or hide text.
            builder.Append('\uFFFD');
        }
        else
        {
            builder.Append(c);
        }
    }
}
