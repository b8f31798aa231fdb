namespace NeptuneNotifier.Core.Notifications;

// The versioned machine-readable event. Every field is always present (null when not reported), so consumers can
// rely on the shape of a schema version.
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
        writer.WriteString("taskKind", s.Kind == TaskKind.Import ? "import" : "export");
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
        NotificationJson.NullableString(writer, "destination", s.Destination);
        NotificationJson.NullableString(writer, "kmsKeyIdentifier", s.KmsKeyIdentifier);
        NotificationJson.NullableString(writer, "roleArn", s.RoleArn);
        NotificationJson.NullableNumber(writer, "progressPercentage", s.ProgressPercentage);
        NotificationJson.NullableNumber(writer, "timeElapsedSeconds", s.TimeElapsedSeconds);
        NotificationJson.NullableNumber(writer, "numVerticesWritten", s.NumVerticesWritten);
        NotificationJson.NullableNumber(writer, "numEdgesWritten", s.NumEdgesWritten);
        NotificationJson.NullableString(writer, "startTime", s.StartTime is { } start ? NotificationText.Timestamp(start) : null);
        writer.WriteString("consoleUrl", content.ConsoleUrl);
        writer.WriteEndObject();
    });
}
