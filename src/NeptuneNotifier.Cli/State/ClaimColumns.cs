using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Cli.State;

// How a row of the embedded store holds a claim: ClaimCodec's top-level fields as columns, claim_format as a number,
// snapshot and pending as JSON text of the codec's objects.
internal static class ClaimColumns
{
    // The file is ours alone, never embedded in HTML: '+' in a time offset is kept as it is, not escaped.
    private static readonly JsonSerializerOptions Text = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (long Format, string Snapshot, string? Pending) ToColumns(JsonObject claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return (
            claim[ClaimCodec.FormatField]!.GetValue<long>(),
            claim[ClaimCodec.SnapshotField]!.ToJsonString(Text),
            claim[ClaimCodec.PendingField]?.ToJsonString(Text));
    }

    /// <summary>The alert watch (<see cref="WatchCodec"/>'s object) as the watch column's JSON text; null for none.</summary>
    [return: NotNullIfNotNull(nameof(watch))]
    public static string? Watch(JsonNode? watch) => watch?.ToJsonString(Text);

    public static StoredClaim? FromColumns(long? format, string? snapshot, string? pending, string taskId, string location, string? watch)
    {
        var claim = new JsonObject();
        if (format is { } number)
        {
            claim[ClaimCodec.FormatField] = number;
        }

        AddObject(claim, ClaimCodec.SnapshotField, snapshot, location);
        AddObject(claim, ClaimCodec.PendingField, pending, location);
        AddObject(claim, WatchCodec.WatchField, watch, location);
        if (format is null && snapshot is not null)
        {
            LegacyRecords.Upgrade(claim);
        }

        return ClaimCodec.Decode(claim, taskId, location);
    }

    private static void AddObject(JsonObject claim, string column, string? json, string location)
    {
        if (json is null)
        {
            return;
        }

        try
        {
            claim[column] = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{location}: column '{column}' is damaged ({exception.Message}).", exception);
        }
    }

    // Rows written before claim_format existed hold the C# records as System.Text.Json wrote them: the same field names
    // as format 1 (the camel-cased properties, which format 1 was named after), plus fields format 1 ignores (taskId,
    // the pending's copy of the snapshot), but the kind spelled "Export"/"Import" and times in that serializer's
    // ISO 8601 form. Those two are brought to format 1 here; the names below are that frozen shape's, not the records'.
    private static class LegacyRecords
    {
        public static void Upgrade(JsonObject claim)
        {
            if (claim[ClaimCodec.SnapshotField] is JsonObject snapshot)
            {
                if (snapshot["kind"] is JsonValue kind && kind.GetValueKind() == JsonValueKind.String)
                {
                    snapshot["kind"] = kind.GetValue<string>().ToLowerInvariant();
                }

                Retime(snapshot, "startTime");
            }

            if (claim[ClaimCodec.PendingField] is JsonObject pending)
            {
                Retime(pending, "detectedAt");
                Retime(pending, "leaseUntil");
            }

            // What the steps above produce, whichever format is current.
            claim[ClaimCodec.FormatField] = 1L;
        }

        // A value that is not a time is left as it is, for the codec to report.
        private static void Retime(JsonObject fields, string name)
        {
            if (fields[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                fields[name] = ClaimCodec.FormatTime(time);
            }
        }
    }
}
