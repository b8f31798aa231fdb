using System.Text.Json.Nodes;

namespace NeptuneNotifier.Core.Storage;

/// <summary>
/// The one stored shape of a claim, for every store: a JSON-like object whose top-level fields a store keeps as it
/// likes (DynamoDB as item attributes, SQLite as columns) and whose field names are spelled out here, never derived
/// from C# property names, so renaming a property cannot change what is stored. <c>docs/state-schema.md</c> describes
/// the shape.
/// </summary>
/// <remarks>
/// Fields: <c>claimFormat</c> (a number), <c>snapshot</c> (an object) and, until the notification is completed,
/// <c>pending</c> (an object without the snapshot, which is beside it). Times are ISO 8601 round-trip strings in UTC,
/// the only form read back, because stores compare a stored lease with a written one as text.
/// Format 2 is format 1 with <c>pending.delivered</c>: the channels that confirmed delivery, each with its delivery
/// id. A claim is written in the lowest format that holds it (format 2 only once a channel's delivery is recorded
/// while another is still owed), so a version that reads only format 1 meets format 2 only where a second channel is
/// configured, which that version cannot do.
/// Format 3 is format 2 whose pending notification is an alert (<c>pending.kind</c> <c>overdue</c> or <c>stalled</c>,
/// with its figures): a version that reads no alert must not publish one as a status change, so it refuses the claim
/// rather than misread it. A transition's claim has no kind and keeps the lowest format that holds it. Beside the
/// claim, a store may keep the alert watch (<see cref="WatchCodec"/>), which is not part of any format.
/// </remarks>
public static class ClaimCodec
{
    /// <summary>The format of a claim without recorded deliveries: the snapshot and a pending notification no channel has confirmed.</summary>
    public const int UndeliveredFormat = 1;

    /// <summary>The format of a claim whose pending notification some channels have confirmed (<see cref="DeliveredField"/>).</summary>
    public const int DeliveredFormat = 2;

    /// <summary>The format of a claim whose pending notification is an alert (<see cref="AlertKindField"/>).</summary>
    public const int AlertFormat = 3;

    /// <summary>
    /// The format of a claim that records none: DynamoDB items written before the format was recorded hold exactly the
    /// format 1 shape.
    /// </summary>
    public const int UnrecordedFormat = 1;

    /// <summary>The format version (a number).</summary>
    public const string FormatField = "claimFormat";

    /// <summary>The snapshot of the task's last transition (an object; kept after the notification is completed).</summary>
    public const string SnapshotField = "snapshot";

    /// <summary>The pending notification (an object; removed when it is completed).</summary>
    public const string PendingField = "pending";

    /// <summary>In <see cref="PendingField"/>: the notification id, on which completion and lease moves are conditional.</summary>
    public const string NotificationIdField = "notificationId";

    /// <summary>In <see cref="PendingField"/>: until when the claimer owns the publish (a time).</summary>
    public const string LeaseUntilField = "leaseUntil";

    /// <summary>In <see cref="PendingField"/>, format 3: <c>overdue</c> or <c>stalled</c>; absent for a transition.</summary>
    public const string AlertKindField = "kind";

    private const string RunningForSecondsField = "runningForSeconds";
    private const string NoProgressSinceField = "noProgressSince";
    private const string ThresholdSecondsField = "thresholdSeconds";

    /// <summary>
    /// In <see cref="PendingField"/>, format 2: the channels that confirmed delivery (an object: channel name to the
    /// channel's delivery id, a string); absent when none has.
    /// </summary>
    public const string DeliveredField = "delivered";

    private const string VersionField = "version";
    private const string PreviousStatusField = "previousStatus";
    private const string DetectedAtField = "detectedAt";

    private const string StatusField = "status";
    private const string KindField = "kind";
    private const string GraphIdField = "graphId";
    private const string StatusReasonField = "statusReason";
    private const string FormatOfExportField = "format";
    private const string ParquetTypeField = "parquetType";
    private const string DestinationField = "destination";
    private const string KmsKeyIdentifierField = "kmsKeyIdentifier";
    private const string RoleArnField = "roleArn";
    private const string ProgressPercentageField = "progressPercentage";
    private const string TimeElapsedSecondsField = "timeElapsedSeconds";
    private const string NumVerticesWrittenField = "numVerticesWritten";
    private const string NumEdgesWrittenField = "numEdgesWritten";
    private const string StartTimeField = "startTime";
    private const string StatementCountField = "statementCount";
    private const string DictionaryEntryCountField = "dictionaryEntryCount";
    private const string ErrorCountField = "errorCount";
    private const string ErrorDetailsField = "errorDetails";

    /// <summary>The claim of a transition: its snapshot and its pending notification.</summary>
    public static JsonObject Encode(PendingNotification pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var claim = Encode(pending.Snapshot);
        var fields = new JsonObject
        {
            [NotificationIdField] = pending.NotificationId,
            [VersionField] = pending.Version,
            [DetectedAtField] = FormatTime(pending.DetectedAt),
            [LeaseUntilField] = FormatTime(pending.LeaseUntil),
        };
        if (pending.PreviousStatus is { } previous)
        {
            fields[PreviousStatusField] = previous.Value;
        }

        if (pending.Delivered.Count > 0)
        {
            fields[DeliveredField] = new JsonObject(pending.Delivered.Deliveries.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
            claim[FormatField] = (long)DeliveredFormat;
        }

        if (pending.Alert is { } alert)
        {
            EncodeAlert(fields, alert);
            claim[FormatField] = (long)AlertFormat;
        }

        if (pending.Watch is { } watch)
        {
            claim[WatchCodec.WatchField] = WatchCodec.Encode(watch);
        }

        claim[PendingField] = fields;
        return claim;
    }

    /// <summary>A claim with no pending notification: a finished task recorded without being notified.</summary>
    public static JsonObject Encode(TaskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var fields = new JsonObject
        {
            [StatusField] = snapshot.Status.Value,
            [KindField] = TaskKinds.Name(snapshot.Kind),
            [GraphIdField] = snapshot.GraphId,
        };
        Optional(fields, StatusReasonField, snapshot.StatusReason);
        Optional(fields, FormatOfExportField, snapshot.Format);
        Optional(fields, ParquetTypeField, snapshot.ParquetType);
        Optional(fields, DestinationField, snapshot.Destination);
        Optional(fields, KmsKeyIdentifierField, snapshot.KmsKeyIdentifier);
        Optional(fields, RoleArnField, snapshot.RoleArn);
        Optional(fields, ProgressPercentageField, snapshot.ProgressPercentage);
        Optional(fields, TimeElapsedSecondsField, snapshot.TimeElapsedSeconds);
        Optional(fields, NumVerticesWrittenField, snapshot.NumVerticesWritten);
        Optional(fields, NumEdgesWrittenField, snapshot.NumEdgesWritten);
        Optional(fields, StartTimeField, snapshot.StartTime);
        Optional(fields, StatementCountField, snapshot.StatementCount);
        Optional(fields, DictionaryEntryCountField, snapshot.DictionaryEntryCount);
        Optional(fields, ErrorCountField, snapshot.ErrorCount);
        Optional(fields, ErrorDetailsField, snapshot.ErrorDetails);
        return new JsonObject { [FormatField] = (long)UndeliveredFormat, [SnapshotField] = fields };
    }

    /// <summary>
    /// Reads the claim of <paramref name="taskId"/> from its stored top-level fields; null when it holds none (a task
    /// never claimed). <paramref name="location"/> says where it was read, for the errors.
    /// </summary>
    /// <exception cref="InvalidDataException">A field is missing or malformed, or the claim is in a format this version does not read.</exception>
    public static StoredClaim? Decode(JsonObject stored, string taskId, string location)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var claim = new ClaimReader(stored, location);
        var format = claim.OptionalLong(FormatField) ?? UnrecordedFormat;
        if (format is not (UndeliveredFormat or DeliveredFormat or AlertFormat))
        {
            throw new InvalidDataException(
                $"{location}: the claim of task {taskId} is in format {format}, which this version of NeptuneNotifier cannot read (it reads formats {UndeliveredFormat}, {DeliveredFormat} and {AlertFormat}); it was written by a newer version: run that one or a later one.");
        }

        var snapshot = claim.OptionalObject(SnapshotField) is { } snapshotFields ? DecodeSnapshot(snapshotFields, taskId) : null;
        var watch = WatchCodec.Decode(stored, location);
        if (claim.OptionalObject(PendingField) is not { } pendingFields)
        {
            return snapshot is null ? null : new StoredClaim(snapshot, null) { Watch = watch };
        }

        var p = pendingFields;
        // Format 1 claims have none: they were made for one channel, SNS, which had not confirmed.
        var delivered = DeliveredChannels.None;
        foreach (var (channel, deliveryId) in p.OptionalObject(DeliveredField)?.StringMembers() ?? [])
        {
            delivered = delivered.With(channel, deliveryId);
        }

        var pending = new PendingNotification(
            p.String(NotificationIdField),
            p.OptionalString(PreviousStatusField) is { } previous ? new NeptuneTaskStatus(previous) : null,
            snapshot ?? throw claim.Malformed(SnapshotField, "is missing while a notification is pending"),
            p.Long(VersionField),
            p.Time(DetectedAtField),
            p.Time(LeaseUntilField))
        {
            Delivered = delivered,

            // A claim without a kind is a transition, whatever its format.
            Alert = DecodeAlert(p),
        };
        return new StoredClaim(snapshot, pending) { Watch = watch };
    }

    /// <summary>A time as every claim field holds it: ISO 8601 round-trip, in UTC.</summary>
    public static string FormatTime(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Reads a time written by <see cref="FormatTime"/>; null when it is not one.</summary>
    public static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;

    private static void EncodeAlert(JsonObject fields, Alerts.TaskAlert alert)
    {
        fields[AlertKindField] = Alerts.TaskAlert.Name(alert.Kind);
        fields[ThresholdSecondsField] = (long)alert.Threshold.TotalSeconds;
        switch (alert)
        {
            case Alerts.TaskAlert.Overdue overdue:
                fields[RunningForSecondsField] = (long)overdue.RunningFor.TotalSeconds;
                break;
            case Alerts.TaskAlert.Stalled stalled:
                fields[NoProgressSinceField] = FormatTime(stalled.Since);
                break;
        }
    }

    private static Alerts.TaskAlert? DecodeAlert(ClaimReader p)
    {
        if (p.OptionalString(AlertKindField) is not { } name)
        {
            return null;
        }

        // Read back by the name EncodeAlert wrote (TaskAlert.Name); a transition's name is no alert's.
        return Alerts.TaskAlert.KindNamed(name) switch
        {
            Alerts.NotificationKind.Overdue => new Alerts.TaskAlert.Overdue(TimeSpan.FromSeconds(p.Long(RunningForSecondsField)), TimeSpan.FromSeconds(p.Long(ThresholdSecondsField))),
            Alerts.NotificationKind.Stalled => new Alerts.TaskAlert.Stalled(p.Time(NoProgressSinceField), TimeSpan.FromSeconds(p.Long(ThresholdSecondsField))),
            _ => throw p.Malformed(AlertKindField, $"is '{name}', which this version does not know"),
        };
    }

    private static TaskSnapshot DecodeSnapshot(ClaimReader r, string taskId) => new()
    {
        TaskId = taskId,
        GraphId = r.OptionalString(GraphIdField) ?? string.Empty,
        // Claims written before imports were followed hold no kind: they were all exports.
        Kind = TaskKinds.Parse(r.OptionalString(KindField)) ?? TaskKind.Export,
        Status = new NeptuneTaskStatus(r.String(StatusField)),
        StatusReason = r.OptionalString(StatusReasonField),
        Format = r.OptionalString(FormatOfExportField),
        ParquetType = r.OptionalString(ParquetTypeField),
        Destination = r.OptionalString(DestinationField),
        KmsKeyIdentifier = r.OptionalString(KmsKeyIdentifierField),
        RoleArn = r.OptionalString(RoleArnField),
        ProgressPercentage = r.OptionalInt(ProgressPercentageField),
        TimeElapsedSeconds = r.OptionalLong(TimeElapsedSecondsField),
        NumVerticesWritten = r.OptionalLong(NumVerticesWrittenField),
        NumEdgesWritten = r.OptionalLong(NumEdgesWrittenField),
        StartTime = r.OptionalTime(StartTimeField),
        StatementCount = r.OptionalLong(StatementCountField),
        DictionaryEntryCount = r.OptionalLong(DictionaryEntryCountField),
        ErrorCount = r.OptionalInt(ErrorCountField),
        ErrorDetails = r.OptionalString(ErrorDetailsField),
    };

    // The optional fields of the claim and the watch: written only when there is a value, so absent means unknown.
    internal static void Optional(JsonObject fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }

    internal static void Optional(JsonObject fields, string name, long? value)
    {
        if (value is { } v)
        {
            fields[name] = v;
        }
    }

    internal static void Optional(JsonObject fields, string name, DateTimeOffset? value) =>
        Optional(fields, name, value is { } time ? FormatTime(time) : null);
}
