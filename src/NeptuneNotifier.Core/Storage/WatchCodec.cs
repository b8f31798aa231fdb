using System.Text.Json.Nodes;
using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Core.Storage;

/// <summary>
/// The stored shape of an <see cref="AlertWatch"/>: the object a store keeps beside the claim, under
/// <see cref="WatchField"/> (DynamoDB: the <c>watch</c> map attribute; SQLite: the <c>watch</c> column). Field names
/// are spelled out here, as for the claim. Not part of the claim's format: a version without alerts never reads it,
/// and a task without one is fresh to the rules.
/// </summary>
public static class WatchCodec
{
    /// <summary>The top-level field (attribute, column) that holds the watch.</summary>
    public const string WatchField = "watch";

    private const string ProgressField = "progressPercentage";
    private const string RecordsField = "recordsWritten";
    private const string ProgressSinceField = "progressSince";
    private const string CheckedAtField = "checkedAt";
    private const string OverdueAlertedAtField = "overdueAlertedAt";
    private const string StallAlertedAtField = "stallAlertedAt";

    /// <summary>The watch as stored.</summary>
    public static JsonObject Encode(AlertWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var fields = new JsonObject
        {
            [ProgressSinceField] = ClaimCodec.FormatTime(watch.ProgressSince),
            [CheckedAtField] = ClaimCodec.FormatTime(watch.CheckedAt),
        };
        ClaimCodec.Optional(fields, ProgressField, watch.ProgressPercentage);
        ClaimCodec.Optional(fields, RecordsField, watch.RecordsWritten);
        ClaimCodec.Optional(fields, OverdueAlertedAtField, watch.OverdueAlertedAt);
        ClaimCodec.Optional(fields, StallAlertedAtField, watch.StallAlertedAt);
        return fields;
    }

    /// <summary>Reads the watch among a task's stored top-level fields; null when there is none.</summary>
    /// <exception cref="InvalidDataException">A field is missing or malformed.</exception>
    public static AlertWatch? Decode(JsonObject stored, string location)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (new ClaimReader(stored, location).OptionalObject(WatchField) is not { } w)
        {
            return null;
        }

        return new AlertWatch(
            w.OptionalInt(ProgressField),
            w.OptionalLong(RecordsField),
            w.Time(ProgressSinceField),
            w.Time(CheckedAtField),
            w.OptionalTime(OverdueAlertedAtField),
            w.OptionalTime(StallAlertedAtField));
    }
}
