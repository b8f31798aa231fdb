using System.Security.Cryptography;
using System.Text;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>What the verifier needs from a request: the raw (still percent-encoded) path and query, headers by lower-case name.</summary>
internal sealed record SignedRequest(string Method, string RawPath, string RawQuery, IReadOnlyDictionary<string, string> Headers, string PayloadSha256Hex);

/// <summary>
/// Checks AWS Signature Version 4 in the Authorization header: rebuilds the canonical request and the string to
/// sign, derives the signing key with the HMAC chain and compares signatures, answering with the errors AWS sends.
/// </summary>
internal sealed class SigV4Verifier(EmulatorCredentials credentials, string region, string service = "neptune-graph")
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string CoralSuffix = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public const string InvalidTokenMessage = "The security token included in the request is invalid.";

    /// <summary>Null when the signature is valid; otherwise the 403 error to answer.</summary>
    public ApiException? Verify(SignedRequest request)
    {
        if (!request.Headers.TryGetValue("authorization", out var authorization) || string.IsNullOrWhiteSpace(authorization))
        {
            return Error("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!TryParseAuthorization(authorization, out var credential, out var signedHeaders, out var signature))
        {
            return Error(
                "IncompleteSignatureException",
                $"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters and the {Algorithm} algorithm. Authorization={authorization}");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return Error("IncompleteSignatureException", $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'.");
        }

        var (accessKeyId, date, signedRegion, signedService) = (scope[0], scope[1], scope[2], scope[3]);
        if (!string.Equals(accessKeyId, credentials.AccessKeyId, StringComparison.Ordinal))
        {
            return Error("UnrecognizedClientException", InvalidTokenMessage);
        }

        request.Headers.TryGetValue("x-amz-security-token", out var token);
        if (!string.Equals(token, credentials.SessionToken, StringComparison.Ordinal))
        {
            return Error("UnrecognizedClientException", InvalidTokenMessage);
        }

        if (!request.Headers.TryGetValue("x-amz-date", out var amzDate) || amzDate.Length != 16 || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return Error("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header matching the credential scope date.");
        }

        if (signedService != service)
        {
            return Error("InvalidSignatureException", $"Credential should be scoped to correct service: '{service}'.");
        }

        if (signedRegion != region)
        {
            return Error("InvalidSignatureException", $"Credential should be scoped to a valid region, not '{signedRegion}'.");
        }

        if (!signedHeaders.Contains("host"))
        {
            return Error("InvalidSignatureException", "'Host' must be a signed header.");
        }

        // The signature covers the declared payload hash, so the body must be checked against it separately.
        if (request.Headers.TryGetValue("x-amz-content-sha256", out var declared)
            && declared != "UNSIGNED-PAYLOAD"
            && !string.Equals(declared, request.PayloadSha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            return Error("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var canonicalRequest = CanonicalRequest(request, signedHeaders);
        var expected = Sign(credentials.SecretAccessKey, amzDate, date, signedRegion, signedService, canonicalRequest);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : Error("InvalidSignatureException", SignatureMismatchMessage);
    }

    internal static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalUri(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            request.Headers.TryGetValue(name, out var value);
            builder.Append(name).Append(':').Append(CollapseSpaces(value ?? string.Empty)).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(request.Headers.TryGetValue("x-amz-content-sha256", out var declared) ? declared : request.PayloadSha256Hex);
        return builder.ToString();
    }

    internal static string Sign(string secret, string amzDate, string date, string region, string service, string canonicalRequest)
    {
        var stringToSign = $"{Algorithm}\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>
    /// Every service but S3 signs the path encoded twice: the path arrives encoded once, so it is normalized
    /// (empty and dot segments dropped) and encoded again.
    /// </summary>
    internal static string CanonicalUri(string rawPath)
    {
        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(Escape(segment));
        }

        var trailing = segments.Count > 0 && rawPath.EndsWith('/') ? "/" : string.Empty;
        return "/" + string.Join('/', segments) + trailing;
    }

    internal static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var pairs = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: Escape(Uri.UnescapeDataString(name)), Value: Escape(Uri.UnescapeDataString(value)));
            })
            .Where(pair => pair.Name != "X-Amz-Signature")
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(pair => pair.Name + "=" + pair.Value));
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: only unreserved characters stay as they are.</summary>
    internal static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool TryParseAuthorization(string header, out string credential, out IReadOnlyList<string> signedHeaders, out string signature)
    {
        credential = string.Empty;
        signedHeaders = [];
        signature = string.Empty;
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                return false;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value.Split(';');
                    break;
                case "Signature":
                    signature = value;
                    break;
                default:
                    break;
            }
        }

        return credential.Length > 0 && signedHeaders.Count > 0 && signature.Length > 0;
    }

    private static ApiException Error(string type, string message) => new(403, type, message, reason: null, errorTypeSuffix: CoralSuffix);
}
