namespace NeptuneNotifier.Aws.Http;

/// <summary>The error code of a JSON error answer, in the forms AWS services write it.</summary>
internal static class AwsErrorCode
{
    /// <summary>
    /// Error codes may arrive as <c>aws.protocoltests#FooError:http://internal/</c> or <c>FooError,BarError</c>: the
    /// code is the part after the last <c>#</c> of what precedes the first <c>,</c> and <c>:</c>, as the AWS SDK for
    /// JavaScript v3 reads them (<c>sanitizeErrorCode</c> in <c>@smithy/core</c>'s <c>parseJsonBody</c>).
    /// </summary>
    public static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Trim();
        foreach (var separator in (ReadOnlySpan<char>)[',', ':'])
        {
            var at = code.IndexOf(separator, StringComparison.Ordinal);
            if (at >= 0)
            {
                code = code[..at];
            }
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        code = code.Trim();
        return code.Length == 0 ? null : code;
    }

    /// <summary>
    /// Reads the code from the member <paramref name="name"/> of an error document: with <paramref name="ignoreCase"/>
    /// the first member whose name matches in any case, as the AWS SDK for JavaScript v3 finds <c>code</c>
    /// (<c>loadErrorCode</c> and <c>findKey</c> in <c>@smithy/core</c>'s <c>parseJsonBody</c>; botocore's
    /// <c>RestJSONParser._inject_error_code</c> reads <c>code</c>, then <c>Code</c>). False when the member is absent
    /// or null, so the caller looks in its next place, as botocore does for null. Otherwise true, and the code is a
    /// string or number (its text, as the JavaScript SDK's <c>sanitizeErrorCode</c> turns a number), sanitized; no SDK
    /// reads a code from any other kind of value (the JavaScript SDK fails on it), so that ends the search with none.
    /// </summary>
    public static bool TryFromMember(JsonElement? document, string name, bool ignoreCase, out string? code)
    {
        code = null;
        if (document is not { ValueKind: JsonValueKind.Object } obj)
        {
            return false;
        }

        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in obj.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, comparison))
            {
                continue;
            }

            code = property.Value.ValueKind switch
            {
                JsonValueKind.String => Sanitize(JsonText.Read(property.Value)),
                JsonValueKind.Number => Sanitize(property.Value.GetRawText()),
                _ => null,
            };
            return property.Value.ValueKind != JsonValueKind.Null;
        }

        return false;
    }
}
