using System.Text;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// Compares two captured requests the way a service reads them: method, path, decoded query parameters, content type,
/// the operation a JSON RPC service reads from <c>X-Amz-Target</c>, and the body as the service parses it (JSON semantically, form fields order-insensitively, anything else byte for byte).
/// </summary>
internal static class WireComparison
{
    public static IReadOnlyList<string> Differences(CapturedRequest ours, CapturedRequest reference)
    {
        var differences = new List<string>();
        void Check(string what, string? oursValue, string? referenceValue)
        {
            if (!string.Equals(oursValue, referenceValue, StringComparison.Ordinal))
            {
                differences.Add($"{what}: ours <{oursValue}> reference <{referenceValue}>");
            }
        }

        Check("method", ours.Method, reference.Method);
        Check("path", NormalizeEscapes(PathOf(ours.RawUrl)), NormalizeEscapes(PathOf(reference.RawUrl)));
        Check("query", Fields(QueryOf(ours.RawUrl)), Fields(QueryOf(reference.RawUrl)));
        // The media type must match; a charset parameter (the .NET SDK sends one for forms) must then be UTF-8.
        Check("content-type", MediaType(ours.Header("content-type")), MediaType(reference.Header("content-type")));
        Check("charset", Charset(ours.Header("content-type")) ?? "utf-8", Charset(reference.Header("content-type")) ?? "utf-8");
        Check("x-amz-target", ours.Header("x-amz-target"), reference.Header("x-amz-target"));

        var contentType = MediaType(reference.Header("content-type")) ?? string.Empty;
        if (contentType.StartsWith("application/json", StringComparison.Ordinal) || contentType.StartsWith("application/x-amz-json", StringComparison.Ordinal))
        {
            Check("json body", CanonicalJson(ours.Body), CanonicalJson(reference.Body));
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            Check("form body", Fields(Encoding.UTF8.GetString(ours.Body)), Fields(Encoding.UTF8.GetString(reference.Body)));
        }
        else
        {
            Check("body", Convert.ToBase64String(ours.Body), Convert.ToBase64String(reference.Body));
        }

        return differences;
    }

    /// <summary>Decoded <c>name=value</c> pairs, sorted, one per line; <c>+</c> decodes to a space as servers read forms.</summary>
    public static string Fields(string encoded)
    {
        var pairs = encoded.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return $"{Decode(name)}={Decode(value)}";
            })
            .Order(StringComparer.Ordinal);
        return string.Join('\n', pairs);
    }

    public static IReadOnlyDictionary<string, string> DecodeFields(string encoded)
        => encoded.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(parts => Decode(parts[0]), parts => parts.Length > 1 ? Decode(parts[1]) : string.Empty, StringComparer.Ordinal);

    public static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    public static string PathOf(string rawUrl) => rawUrl.Split('?', 2)[0];

    public static string QueryOf(string rawUrl) => rawUrl.Split('?', 2) is [_, var query] ? query : string.Empty;

    /// <summary>Object members sorted, numbers in one notation: two JSON texts a parser reads the same are equal.</summary>
    public static string CanonicalJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return string.Empty;
        }

        try
        {
            return Canonical(JsonNode.Parse(body));
        }
        catch (JsonException)
        {
            return "not JSON: " + Encoding.UTF8.GetString(body);
        }
    }

    public static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key, WireJsonContext.Default.String) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static string NormalizeEscapes(string path)
        => System.Text.RegularExpressions.Regex.Replace(path, "%[0-9a-fA-F]{2}", match => match.Value.ToUpperInvariant());

    private static string? MediaType(string? contentType)
        => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    private static string? Charset(string? contentType)
        => contentType?.Split(';').Skip(1)
            .Select(parameter => parameter.Trim().ToLowerInvariant())
            .FirstOrDefault(parameter => parameter.StartsWith("charset=", StringComparison.Ordinal))?["charset=".Length..].Trim('"');
}
