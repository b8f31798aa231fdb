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
        Icon = Status.IsFailure ? "❌" : Status == NeptuneTaskStatus.Succeeded ? "✅" : Status.IsTerminal ? "⏹" : "🔄";
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
}
