using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeptuneNotifier.Core.Storage;

// Reads the fields of a stored claim; a malformed one fails naming where it was read and the field's path.
internal readonly struct ClaimReader(JsonObject fields, string location, string prefix = "")
{
    public ClaimReader? OptionalObject(string name) =>
        Field(name) switch
        {
            null => null,
            JsonObject inner => new ClaimReader(inner, location, prefix + name + "."),
            _ => throw Malformed(name, "is not an object"),
        };

    /// <summary>Every member of this object by name, each of which must be a string.</summary>
    public List<KeyValuePair<string, string>> StringMembers()
    {
        List<KeyValuePair<string, string>> members = [];
        foreach (var name in fields.Select(member => member.Key))
        {
            members.Add(KeyValuePair.Create(name.Length > 0 ? name : throw Malformed(name, "has an empty name"), String(name)));
        }

        return members;
    }

    public string String(string name) =>
        OptionalString(name) ?? throw Malformed(name, "is missing or not a string");

    public string? OptionalString(string name) =>
        Field(name) switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw Malformed(name, "is not a string"),
        };

    public long Long(string name) =>
        OptionalLong(name) ?? throw Malformed(name, "is missing");

    public long? OptionalLong(string name) =>
        Field(name) switch
        {
            null => null,
            // By the number's text, whatever type holds it: parsed JSON, or a value a store built.
            JsonValue value when value.GetValueKind() == JsonValueKind.Number
                && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            var other => throw Malformed(name, $"is not a whole number ({other.ToJsonString()})"),
        };

    // Checked: a count too large for an int is not narrowed silently.
    public int? OptionalInt(string name) =>
        OptionalLong(name) is { } number ? checked((int)number) : null;

    public DateTimeOffset Time(string name) =>
        OptionalTime(name) ?? throw Malformed(name, "is missing");

    public DateTimeOffset? OptionalTime(string name) =>
        OptionalString(name) is { } text
            ? ClaimCodec.ParseTime(text) ?? throw Malformed(name, $"is not an ISO 8601 round-trip timestamp ('{text}')")
            : null;

    public InvalidDataException Malformed(string name, string problem) =>
        new($"{location}: field '{prefix}{name}' {problem}.");

    // A JSON null is an absent field: SQLite's JSON and DynamoDB's NULL type both say "nothing here" that way.
    private JsonNode? Field(string name) => fields.TryGetPropertyValue(name, out var node) ? node : null;
}
