namespace NeptuneNotifier.Core.Notifications;

// The display values shared by every form, computed once per rendering.
internal sealed class NotificationContent
{
    // Without a limit, the reason and the error details are kept whole; a channel with a size limit passes one, and
    // both are cut to it.
    public NotificationContent(PendingNotification notification, string region, int? reasonLimit)
    {
        Notification = notification;
        Snapshot = notification.Snapshot;
        Status = Snapshot.Status;
        Previous = notification.PreviousStatus;
        var reason = Snapshot.StatusReason ?? string.Empty;
        ReasonCut = StatusReasonTruncation.IsCut(reason, reasonLimit ?? reason.Length);
        Reason = NotificationText.MultiLine(StatusReasonTruncation.Cut(reason, reasonLimit ?? reason.Length));
        KindName = TaskKinds.Name(Snapshot.Kind);
        IsImport = Snapshot.Kind == TaskKind.Import;
        StatusText = NotificationText.SingleLine(Status.Value);
        StatusMeaning = NotificationText.StatusMeaning(Status);
        ErrorDetails = Snapshot.ErrorDetails is { Length: > 0 } details ? NotificationText.MultiLine(StatusReasonTruncation.Cut(details, reasonLimit ?? details.Length)) : null;
        GraphText = Snapshot.GraphId.Length > 0 ? Snapshot.GraphId : "unknown";
        GraphSuffix = Snapshot.GraphId.Length > 0 ? $" on {Snapshot.GraphId}" : string.Empty;
        Destination = Snapshot.Destination is { } d ? NotificationText.SingleLine(d) : null;
        FormatText = Snapshot.Format is { } format
            ? NotificationText.SingleLine(Snapshot.ParquetType is { } parquet ? $"{format} ({parquet})" : format)
            : "not reported";
        ConsoleUrl = ConsoleLinks.NeptuneGraphs(region);
        Alert = notification.Alert;
        KindToken = Alerts.TaskAlert.Name(notification.Kind);
        AlertHeadline = Alert switch
        {
            Alerts.TaskAlert.Overdue overdue => $"overdue: running for {NotificationText.Duration(overdue.RunningFor)}",
            Alerts.TaskAlert.Stalled stalled => $"no progress since {NotificationText.Timestamp(stalled.Since)} ({NotificationText.Duration(notification.DetectedAt - stalled.Since)})",
            _ => null,
        };
        Icon = Alert is not null ? "⏰" : Status.IsFailure ? "❌" : Status == NeptuneTaskStatus.Succeeded ? "✅" : Status.IsTerminal ? "⏹" : "🔄";
    }

    public PendingNotification Notification { get; }

    public TaskSnapshot Snapshot { get; }

    public NeptuneTaskStatus Status { get; }

    public NeptuneTaskStatus? Previous { get; }

    public string Reason { get; }

    public bool ReasonCut { get; }

    public string KindName { get; }

    public bool IsImport { get; }

    // What a status only imports have means, for the readers who have not met it; null for the others.
    public string? StatusMeaning { get; }

    // The import's error details, cut like the reason; null when there are none.
    public string? ErrorDetails { get; }

    // "Source" for an import (the data read), "Destination" for an export (where it was written).
    public string LocationLabel => IsImport ? "Source" : "Destination";

    public string StatusText { get; }

    public string GraphText { get; }

    public string GraphSuffix { get; }

    public string? Destination { get; }

    public string FormatText { get; }

    public string ConsoleUrl { get; }

    public string Icon { get; }

    // The alert this notification carries, null for a transition.
    public Alerts.TaskAlert? Alert { get; }

    // transition, overdue or stalled: the machine event's and the message attribute's spelling.
    public string KindToken { get; }

    // What the alert says in a phrase ("overdue: running for 2h 05m 00s"), null for a transition.
    public string? AlertHeadline { get; }
}
