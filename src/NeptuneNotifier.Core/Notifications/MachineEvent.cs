namespace NeptuneNotifier.Core.Notifications;

// The versioned machine-readable event. Every field is always present (null when not reported), so consumers can
// rely on the shape of a schema version. Fields are only ever added within a version: the import's figures and its
// source came as additions to version 1, null for an export (and an export's figures are null for an import).
internal static class MachineEvent
{
    public static string Write(NotificationContent content, bool indented) => NotificationJson.Write(indented, writer =>
    {
        var s = content.Snapshot;
        var n = content.Notification;
        writer.WriteStartObject();
        writer.WriteString("schemaVersion", NotificationRenderer.EventSchemaVersion);
        writer.WriteString("eventType", NotificationRenderer.EventType);
        writer.WriteString("notificationId", n.NotificationId);
        writer.WriteNumber("version", n.Version);
        writer.WriteString("detectedAt", NotificationText.Timestamp(n.DetectedAt));
        writer.WriteString("taskId", s.TaskId);
        writer.WriteString("taskKind", content.KindName);
        NotificationJson.NullableString(writer, "graphId", s.GraphId.Length > 0 ? s.GraphId : null);
        writer.WriteString("status", content.Status.Value);
        NotificationJson.NullableString(writer, "previousStatus", content.Previous?.Value);
        writer.WriteBoolean("terminal", content.Status.IsTerminal);
        writer.WriteString("kind", content.KindToken);
        NotificationJson.NullableNumber(writer, "runningForSeconds", (content.Alert as Alerts.TaskAlert.Overdue)?.RunningFor.Ticks / TimeSpan.TicksPerSecond);
        NotificationJson.NullableString(writer, "noProgressSince", content.Alert is Alerts.TaskAlert.Stalled stalled ? NotificationText.Timestamp(stalled.Since) : null);
        NotificationJson.NullableNumber(writer, "alertThresholdSeconds", content.Alert?.Threshold.Ticks / TimeSpan.TicksPerSecond);
        NotificationJson.NullableString(writer, "statusReason", s.StatusReason is null ? null : content.Reason);
        writer.WriteBoolean("statusReasonTruncated", content.ReasonCut);
        NotificationJson.NullableString(writer, "format", s.Format);
        NotificationJson.NullableString(writer, "parquetType", s.ParquetType);
        NotificationJson.NullableString(writer, "destination", content.IsImport ? null : s.Destination);
        NotificationJson.NullableString(writer, "source", content.IsImport ? s.Destination : null);
        NotificationJson.NullableString(writer, "kmsKeyIdentifier", s.KmsKeyIdentifier);
        NotificationJson.NullableString(writer, "roleArn", s.RoleArn);
        NotificationJson.NullableNumber(writer, "progressPercentage", s.ProgressPercentage);
        NotificationJson.NullableNumber(writer, "timeElapsedSeconds", s.TimeElapsedSeconds);
        NotificationJson.NullableNumber(writer, "numVerticesWritten", s.NumVerticesWritten);
        NotificationJson.NullableNumber(writer, "numEdgesWritten", s.NumEdgesWritten);
        NotificationJson.NullableString(writer, "startTime", s.StartTime is { } start ? NotificationText.Timestamp(start) : null);
        NotificationJson.NullableNumber(writer, "statementCount", s.StatementCount);
        NotificationJson.NullableNumber(writer, "dictionaryEntryCount", s.DictionaryEntryCount);
        NotificationJson.NullableNumber(writer, "errorCount", s.ErrorCount);
        NotificationJson.NullableString(writer, "errorDetails", content.ErrorDetails);
        writer.WriteString("consoleUrl", content.ConsoleUrl);
        writer.WriteEndObject();
    });
}
