namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Typed reads of JSON members with errors that name the member. Absent and <c>null</c> members are the same thing,
/// as in every AWS SDK; unknown members are ignored so new service fields never break parsing.
/// </summary>
internal static class JsonRead
{
    public static JsonElement RootObject(byte[] body)
    {
        if (body.Length == 0)
        {
            throw new FormatException("the body is empty where a JSON object was expected.");
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the body is a JSON {document.RootElement.ValueKind}, not an object.");
        }

        return document.RootElement.Clone();
    }

    /// <summary>The body's top-level object, or null for an error answer that is not one.</summary>
    public static JsonElement? ErrorDocument(byte[] body)
    {
        try
        {
            return RootObject(body);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            // Not JSON (an HTML page from a proxy, an empty or truncated body): the status still tells the story.
            return null;
        }
    }

    public static JsonElement? Member(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement? Object(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        return value is null || value.Value.ValueKind == JsonValueKind.Object ? value : throw WrongKind(name, "an object", value.Value);
    }

    public static string? String(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        return value is null ? null : value.Value.ValueKind == JsonValueKind.String ? JsonText.Read(value.Value) : throw WrongKind(name, "a string", value.Value);
    }

    public static string RequiredString(JsonElement obj, string name)
        => String(obj, name) ?? throw Missing(name);

    public static T? Enum<T>(JsonElement obj, string name, Func<string, T> create)
        where T : class
        => String(obj, name) is { } text ? create(text) : null;

    public static T RequiredEnum<T>(JsonElement obj, string name, Func<string, T> create)
        => create(RequiredString(obj, name));

    public static bool? Boolean(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongKind(name, "a boolean", value.Value),
        };
    }

    public static int? Int32(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        return value is null ? null : value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var number) ? number : throw WrongKind(name, "a 32-bit integer", value.Value);
    }

    public static long? Int64(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        return value is null ? null : value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out var number) ? number : throw WrongKind(name, "a 64-bit integer", value.Value);
    }

    public static int RequiredInt32(JsonElement obj, string name) => Int32(obj, name) ?? throw Missing(name);

    public static long RequiredInt64(JsonElement obj, string name) => Int64(obj, name) ?? throw Missing(name);

    /// <summary>
    /// rest-json timestamps are epoch seconds, possibly fractional. Read as decimal so sub-second digits are exact
    /// (a double loses ticks at today's epoch values). A string is accepted as the official SDKs accept it: epoch seconds
    /// (with an exponent too: <c>"1.7168976E9"</c>) or an ISO 8601 date (AWSSDK.Core's <c>DateTimeUnmarshaller</c> and
    /// botocore's rest-json parser read both).
    /// </summary>
    public static DateTimeOffset? EpochSeconds(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        if (value is null)
        {
            return null;
        }

        decimal seconds;
        if (value.Value.ValueKind == JsonValueKind.Number)
        {
            seconds = value.Value.TryGetDecimal(out var number) ? number : throw OutsideTheDates(name, value.Value.GetRawText());
        }
        else if (value.Value.ValueKind == JsonValueKind.String && JsonText.Read(value.Value) is var text)
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                    ? date.ToUniversalTime()
                    : throw WrongKind(name, "epoch seconds", value.Value);
            }
        }
        else
        {
            throw WrongKind(name, "epoch seconds", value.Value);
        }

        // Compared in seconds: a huge value (1e22) would overflow the decimal product of ticks.
        var maxTicks = (decimal)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks;
        var minTicks = (decimal)(DateTimeOffset.MinValue - DateTimeOffset.UnixEpoch).Ticks;
        return seconds > maxTicks / TimeSpan.TicksPerSecond || seconds < minTicks / TimeSpan.TicksPerSecond
            ? throw OutsideTheDates(name, seconds.ToString(CultureInfo.InvariantCulture))
            : DateTimeOffset.UnixEpoch.AddTicks((long)Math.Clamp(decimal.Round(seconds * TimeSpan.TicksPerSecond), minTicks, maxTicks));
    }

    public static DateTimeOffset RequiredEpochSeconds(JsonElement obj, string name) => EpochSeconds(obj, name) ?? throw Missing(name);

    public static IReadOnlyList<T> List<T>(JsonElement obj, string name, Func<JsonElement, T> read)
    {
        var value = Member(obj, name);
        if (value is null)
        {
            return [];
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            throw WrongKind(name, "an array", value.Value);
        }

        var items = new List<T>(value.Value.GetArrayLength());
        foreach (var item in value.Value.EnumerateArray())
        {
            // Lists in this model are not sparse: a null entry carries nothing, as the official SDKs treat it.
            if (item.ValueKind != JsonValueKind.Null)
            {
                items.Add(read(item));
            }
        }

        return items;
    }

    public static IReadOnlyDictionary<string, T>? Map<T>(JsonElement obj, string name, Func<JsonElement, T> read)
    {
        var value = Object(obj, name);
        if (value is null)
        {
            return null;
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in value.Value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                map[property.Name] = read(property.Value);
            }
        }

        return map;
    }

    public static JsonElement RequireObject(JsonElement value, string what)
        => value.ValueKind == JsonValueKind.Object ? value : throw WrongKind(what, "an object", value);

    private static FormatException OutsideTheDates(string name, string seconds) => new($"member '{name}' ({seconds} epoch seconds) is outside the range of a date.");

    private static FormatException Missing(string name) => new($"required member '{name}' is missing.");

    private static FormatException WrongKind(string name, string expected, JsonElement actual)
        => new($"member '{name}' should be {expected} but is a JSON {actual.ValueKind}.");
}
