namespace NeptuneNotifier.Core.Notifications;

// The display values shared by every form, computed once per rendering.
internal sealed class NotificationContent
{
    public NotificationContent(PendingNotification notification, string region, int reasonLimit)
    {
        Notification = notification;
        Snapshot = notification.Snapshot;
        Status = Snapshot.Status;
        Previous = notification.PreviousStatus;
        var reason = Snapshot.StatusReason ?? string.Empty;
        ReasonCut = StatusReasonTruncation.IsCut(reason, reasonLimit);
        Reason = NotificationText.MultiLine(StatusReasonTruncation.Cut(reason, reasonLimit));
        KindName = Snapshot.Kind == TaskKind.Import ? "import" : "export";
        StatusText = NotificationText.SingleLine(Status.Value);
        GraphText = Snapshot.GraphId.Length > 0 ? Snapshot.GraphId : "unknown";
        GraphSuffix = Snapshot.GraphId.Length > 0 ? $" on {Snapshot.GraphId}" : string.Empty;
        Destination = Snapshot.Destination is { } d ? NotificationText.SingleLine(d) : null;
        FormatText = Snapshot.Format is { } format
            ? NotificationText.SingleLine(Snapshot.ParquetType is { } parquet ? $"{format} ({parquet})" : format)
            : "not reported";
        ConsoleUrl = ConsoleLinks.NeptuneGraphs(region);
        Icon = Status.IsFailure ? "❌" : Status == NeptuneTaskStatus.Succeeded ? "✅" : Status.IsTerminal ? "⏹" : "🔄";
    }

    public PendingNotification Notification { get; }

    public TaskSnapshot Snapshot { get; }

    public NeptuneTaskStatus Status { get; }

    public NeptuneTaskStatus? Previous { get; }

    public string Reason { get; }

    public bool ReasonCut { get; }

    public string KindName { get; }

    public string StatusText { get; }

    public string GraphText { get; }

    public string GraphSuffix { get; }

    public string? Destination { get; }

    public string FormatText { get; }

    public string ConsoleUrl { get; }

    public string Icon { get; }
}
