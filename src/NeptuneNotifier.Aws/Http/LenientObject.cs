using System.Diagnostics.CodeAnalysis;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Reads a JSON object of an answer as the official AWS SDKs do: a member the model marks <c>required</c> may still
/// be absent, because no SDK enforces <c>required</c> on output (botocore's <c>BaseJSONParser._handle_structure</c> in
/// <c>botocore/parsers.py</c> reads only the members present; the JavaScript SDK's <c>JsonShapeDeserializer</c> in
/// <c>@smithy/core</c> does the same). Only what the caller cannot do without is read with <see cref="Needed"/>, which
/// throws <see cref="FormatException"/>; any other member of the wrong kind is read as absent and noted in
/// <see cref="Anomalies"/>, so one odd member never costs the whole answer.
/// </summary>
internal readonly struct LenientObject(JsonElement obj, string path, List<string> anomalies)
{
    /// <summary>The object itself, for what the model leaves open (a union's unknown members).</summary>
    public JsonElement Element => obj;

    /// <summary>What was read as absent or skipped so far, each naming the member and the problem.</summary>
    public IReadOnlyList<string> Anomalies => anomalies;

    /// <summary>A string the caller cannot do without: absent or of the wrong kind, the object is unreadable.</summary>
    /// <exception cref="FormatException">Names the member.</exception>
    public string Needed(string name) => JsonRead.RequiredString(obj, name);

    public string? String(string name) => Read(name, JsonRead.String);

    public T? Enum<T>(string name, Func<string, T> create)
        where T : class
        => String(name) is { } text ? create(text) : null;

    public int? Int32(string name) => Read(name, JsonRead.Int32);

    public long? Int64(string name) => Read(name, JsonRead.Int64);

    public bool? Boolean(string name) => Read(name, JsonRead.Boolean);

    public DateTimeOffset? EpochSeconds(string name) => Read(name, JsonRead.EpochSeconds);

    /// <summary>A nested structure, read leniently member by member; absent when it is not an object.</summary>
    public T? Object<T>(string name, Func<LenientObject, T> read)
        where T : class
        => Read(name, JsonRead.Object) is { } nested ? read(new LenientObject(nested, $"{path}{name}.", anomalies)) : null;

    /// <summary>A member read as a whole by <paramref name="read"/>; any <see cref="FormatException"/> in it makes it absent.</summary>
    public T? Whole<T>(string name, Func<JsonElement, T?> read)
        where T : class
        => Read(name, (parent, member) => JsonRead.Member(parent, member) is { } value ? read(value) : null);

    /// <summary>
    /// The entries of a list member, each read by <paramref name="read"/>. An entry that is not an object, or that
    /// <paramref name="read"/> rejects (a needed member absent or of the wrong kind), is skipped and noted; the others
    /// are kept. The member itself of the wrong kind (not an array) makes the answer unreadable.
    /// </summary>
    /// <exception cref="FormatException">The member is not an array.</exception>
    public IReadOnlyList<T> Entries<T>(string name, Func<LenientObject, T> read)
    {
        if (Array(name) is not { } list)
        {
            return [];
        }

        var items = new List<T>(list.GetArrayLength());
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var where = $"{path}{name}[{index++}]";
            // Lists in this model are not sparse: a null entry carries nothing, as the official SDKs treat it.
            if (item.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                anomalies.Add($"{where} skipped: it is a JSON {item.ValueKind}, not an object.");
                continue;
            }

            if (TryReadEntry(item, where, read, out var entry, out var problem))
            {
                items.Add(entry);
            }
            else
            {
                anomalies.Add($"{where} skipped: {problem}");
            }
        }

        return items;
    }

    /// <summary>
    /// The entries of a list whose positions carry meaning (PutEvents answers entry N for request entry N), each read by
    /// <paramref name="read"/>. An entry that is null, not an object, or that <paramref name="read"/> rejects is
    /// <paramref name="unreadable"/> at its position, and noted unless it is null; the member itself of the wrong kind
    /// (not an array) makes the answer unreadable.
    /// </summary>
    /// <exception cref="FormatException">The member is not an array.</exception>
    public IReadOnlyList<T> PositionalEntries<T>(string name, Func<LenientObject, T> read, T unreadable)
    {
        if (Array(name) is not { } list)
        {
            return [];
        }

        var items = new List<T>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            var where = $"{path}{name}[{items.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                if (item.ValueKind != JsonValueKind.Null)
                {
                    anomalies.Add($"{where} read as empty: it is a JSON {item.ValueKind}, not an object.");
                }

                items.Add(unreadable);
                continue;
            }

            if (TryReadEntry(item, where, read, out var entry, out var problem))
            {
                items.Add(entry);
            }
            else
            {
                anomalies.Add($"{where} read as empty: {problem}");
                items.Add(unreadable);
            }
        }

        return items;
    }

    // One object entry of a list; its own anomalies count only when the entry is kept.
    private bool TryReadEntry<T>(JsonElement item, string where, Func<LenientObject, T> read, [MaybeNullWhen(false)] out T entry, out string problem)
    {
        List<string> entryAnomalies = [];
        try
        {
            entry = read(new LenientObject(item, where + ".", entryAnomalies));
            anomalies.AddRange(entryAnomalies);
            problem = string.Empty;
            return true;
        }
        catch (FormatException exception)
        {
            entry = default;
            problem = exception.Message;
            return false;
        }
    }

    /// <summary>A list member, or null when absent.</summary>
    /// <exception cref="FormatException">The member is not an array.</exception>
    private JsonElement? Array(string name)
    {
        var list = JsonRead.Member(obj, name);
        return list is null || list.Value.ValueKind == JsonValueKind.Array
            ? list
            : throw new FormatException($"member '{path}{name}' should be an array but is a JSON {list.Value.ValueKind}.");
    }

    private T? Read<T>(string name, Func<JsonElement, string, T?> read)
    {
        try
        {
            return read(obj, name);
        }
        catch (FormatException exception)
        {
            anomalies.Add($"{path}{name} read as absent: {exception.Message}");
            return default;
        }
    }
}
