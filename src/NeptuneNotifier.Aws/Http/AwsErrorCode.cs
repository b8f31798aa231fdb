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
}
