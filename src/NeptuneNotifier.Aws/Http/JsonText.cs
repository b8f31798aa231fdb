using System.Text;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Reads a JSON string value as the official SDKs do, including one that System.Text.Json refuses: a string with an
/// unpaired surrogate escape (<c>"cut \ud83d"</c>), as a service can produce by cutting text in the middle of a
/// character. JavaScript's <c>JSON.parse</c> and Python's <c>json.loads</c> both read such a string; here each
/// unpaired surrogate becomes U+FFFD, so the text can still be written as JSON and UTF-8 downstream.
/// </summary>
internal static class JsonText
{
    /// <summary>The text of <paramref name="value"/>, a JSON string.</summary>
    public static string Read(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException) when (value.ValueKind == JsonValueKind.String)
        {
            return Replacing(Unescape(value.GetRawText()));
        }
    }

    // The raw text of a string the parser has already checked: quotes, then characters and escapes.
    private static string Unescape(string raw)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            if (raw[i] != '\\')
            {
                text.Append(raw[i]);
                continue;
            }

            var escaped = raw[++i];
            if (escaped == 'u')
            {
                text.Append((char)ushort.Parse(raw.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            text.Append(escaped switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => escaped, // \" \\ \/
            });
        }

        return text.ToString();
    }

    private static string Replacing(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
