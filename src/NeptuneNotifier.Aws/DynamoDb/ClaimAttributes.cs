using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Aws.DynamoDb;

// A claim's top-level fields are item attributes: objects as maps (M), strings as S, numbers as N. The shape itself,
// field names included, is ClaimCodec's; this only says how DynamoDB holds it.
internal static class ClaimAttributes
{
    // The alert watch is kept beside the claim (WatchCodec), in the same attribute types.
    private static readonly string[] TopLevel = [ClaimCodec.FormatField, ClaimCodec.SnapshotField, ClaimCodec.PendingField, WatchCodec.WatchField];

    /// <summary>The item attributes that hold <paramref name="claim"/>, by attribute name.</summary>
    public static Dictionary<string, AttributeValue> ToAttributes(JsonObject claim) =>
        claim.ToDictionary(field => field.Key, field => ToAttribute(field.Value, field.Key), StringComparer.Ordinal);

    /// <summary>The claim fields of <paramref name="item"/>, for <see cref="ClaimCodec.Decode"/>.</summary>
    public static JsonObject FromItem(Dictionary<string, AttributeValue> item)
    {
        var claim = new JsonObject();
        foreach (var name in TopLevel)
        {
            if (item.TryGetValue(name, out var value))
            {
                claim[name] = ToNode(value);
            }
        }

        return claim;
    }

    /// <summary>The attribute that holds one claim (or watch) field, <paramref name="path"/> naming it in errors.</summary>
    public static AttributeValue ToAttribute(JsonNode? node, string path) => node switch
    {
        JsonObject fields => new AttributeValue
        {
            M = fields.ToDictionary(field => field.Key, field => ToAttribute(field.Value, path + "." + field.Key), StringComparer.Ordinal),
        },
        JsonValue value when value.GetValueKind() == JsonValueKind.String => StateItemMapper.Str(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => new AttributeValue { N = value.ToJsonString() },
        _ => throw new ArgumentException($"The claim field '{path}' is neither an object, a string nor a number.", nameof(node)),
    };

    // Only what a claim is made of maps to its JSON kind; any other attribute type becomes a value of a kind the
    // codec never writes, so reading it fails naming the field instead of being taken for something else.
    private static JsonNode? ToNode(AttributeValue value) => value switch
    {
        { S: { } text } => JsonValue.Create(text),
        { N: { } number } => long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? JsonValue.Create(whole)
            : decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) ? JsonValue.Create(fraction) : new JsonArray(),
        { M: { } map } => new JsonObject(map.Select(entry => KeyValuePair.Create(entry.Key, ToNode(entry.Value)))),
        { NULL: true } => null,
        _ => new JsonArray(),
    };
}
