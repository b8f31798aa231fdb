namespace NeptuneNotifier.Core;

/// <summary>
/// A claimed transition waiting to be delivered: the outbox entry stored on the task's state. The notification is
/// rendered from it alone, so a republish after a crash sends the same content and deduplication key.
/// </summary>
/// <param name="NotificationId">Unique per claim; the confirmation after publishing is conditional on it.</param>
/// <param name="PreviousStatus">The status before the transition, null on the first sighting.</param>
/// <param name="Snapshot">The snapshot that made the transition (the task's new state).</param>
/// <param name="Version">The task version this claim created.</param>
/// <param name="DetectedAt">When the transition was detected.</param>
/// <param name="LeaseUntil">Until when the claimer owns the publish; after it, any cycle may take the entry over.</param>
/// <remarks>
/// <see cref="Delivered"/> is what has already gone out: a claim starts with none, and each channel's confirmed
/// delivery is recorded as it happens, so a later attempt delivers only to the channels still missing.
/// </remarks>
public sealed record PendingNotification(
    string NotificationId,
    NeptuneTaskStatus? PreviousStatus,
    TaskSnapshot Snapshot,
    long Version,
    DateTimeOffset DetectedAt,
    DateTimeOffset LeaseUntil)
{
    /// <summary>The channels that have confirmed delivery of this notification; none when it is claimed.</summary>
    public DeliveredChannels Delivered { get; init; } = DeliveredChannels.None;

    /// <summary>The alert this notification carries; null for a transition, which changes the stored status.</summary>
    public Alerts.TaskAlert? Alert { get; init; }

    /// <summary>
    /// The alert watch the claim stores with the task, or null to store none (alerts off). Written by the claim and
    /// read back as <see cref="TrackedTask.Watch"/>, not as part of the pending notification.
    /// </summary>
    public Alerts.AlertWatch? Watch { get; init; }

    /// <summary>What this notification is about.</summary>
    public Alerts.NotificationKind Kind => Alert?.Kind ?? Alerts.NotificationKind.Transition;

    /// <summary>The task this notification is about.</summary>
    public string TaskId => Snapshot.TaskId;
}
