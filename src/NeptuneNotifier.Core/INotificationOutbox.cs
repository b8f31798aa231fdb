namespace NeptuneNotifier.Core;

/// <summary>
/// The once-only notification protocol on a tracked task: claim a transition with a conditional write on the task's
/// version (the claim stores the pending notification, an outbox), publish, then complete conditionally on the
/// notification id. With several channels, each channel's confirmed delivery is recorded on the pending notification
/// as it happens, and the notification is completed once every channel has confirmed. A lease says until when the
/// claimer owns the publish. Every write is a single-item conditional write, so any store with compare-and-set works.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>
    /// Claims a transition: only when the task is still at <paramref name="expectedVersion"/> and has no pending
    /// notification, stores <paramref name="notification"/>'s snapshot as the task's state, its version as the task's
    /// version, and the notification itself as pending. False when another writer got there first (or the task is gone);
    /// true when the task's pending notification is already this one (a retry of a claim the store applied but whose
    /// answer was lost: the notification id is new for every claim).
    /// </summary>
    Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the lease of a pending notification: only when the pending notification is still
    /// <paramref name="notificationId"/> with lease <paramref name="expectedLeaseUntil"/>, moves its lease to
    /// <paramref name="newLeaseUntil"/>. Takes over a notification whose lease has run out (a later time), or gives
    /// back a lease this cycle holds (now). Returns the pending notification as the write left it, read by the write
    /// itself: its deliveries are those recorded until then, however old the caller's copy (a takeover delivers from it,
    /// so a channel an earlier cycle recorded after the caller loaded the task is not repeated). Null when someone else
    /// took it over or completed it.
    /// </summary>
    Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="channel"/> delivered <paramref name="pending"/>, as <paramref name="deliveryId"/>:
    /// only when the task's pending notification is still that one (its notification id), adds the channel to its
    /// <see cref="PendingNotification.Delivered"/> (replacing an earlier id of the same channel), leaving the other
    /// channels and the lease as they are. False when the notification was no longer pending.
    /// </summary>
    Task<bool> TryRecordDeliveryAsync(PendingNotification pending, string channel, string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Confirms that a pending notification was published: only when it is still <paramref name="notificationId"/>,
    /// removes it. A <see cref="TaskCompletion.Terminal"/> completion also takes the task out of the active set, to be
    /// forgotten after its expiry; a <see cref="TaskCompletion.StillActive"/> one leaves it active. False when the
    /// notification was no longer pending.
    /// </summary>
    Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken);
}
