namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// Gives a publish lease back when the publish is known to have failed, so the next cycle retries however soon it
/// runs, instead of skipping the notification until the lease runs out.
/// </summary>
/// <remarks>
/// Only a <see cref="NotificationRejectedException"/> is a known failure: the channel answered that it did not take
/// the message (with several channels failing, an <see cref="AggregateException"/> of nothing but refusals). A timeout, a cancellation or any other failure may have let the message out (or it may still be on its
/// way), so the lease stays and keeps other cycles from publishing it again before it runs out. The lease decides only
/// when a notification is retried, never whether: an unconfirmed notification is always retried.
/// The give-back is a conditional write on the notification id and the lease this cycle holds (moving the lease to now),
/// so it loses, harmlessly, to a cycle that took the notification over or confirmed it meanwhile.
/// </remarks>
internal sealed class PublishLeaseRelease(INotificationOutbox outbox, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>
    /// After <paramref name="failure"/>, returns from when the notification may be published again: now when the lease
    /// was given back, <paramref name="heldLease"/> otherwise. Never throws: a give-back that fails leaves the lease to run out.
    /// </summary>
    public async Task<DateTimeOffset> AfterFailureAsync(Exception failure, PendingNotification pending, DateTimeOffset heldLease, CancellationToken cancellationToken)
    {
        if (!NothingWentOut(failure))
        {
            return heldLease;
        }

        var now = timeProvider.GetUtcNow();
        try
        {
            if (await outbox.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, heldLease, now, cancellationToken) is not null)
            {
                return now;
            }

            logger.LogInformation("Task {TaskId}: notification {NotificationId} was taken over or confirmed by another cycle before its lease could be given back", pending.TaskId, pending.NotificationId);
        }
        catch (Exception exception)
        {
            // Cancellation included: the caller is reporting a failure and must not lose it to this write.
            logger.LogWarning(exception, "Giving back the lease of notification {NotificationId} for task {TaskId} failed; it runs out at {LeaseUntil:u}", pending.NotificationId, pending.TaskId, heldLease);
        }

        return heldLease;
    }

    private static bool NothingWentOut(Exception failure) =>
        failure is NotificationRejectedException
        || (failure is AggregateException { InnerExceptions: { Count: > 0 } inner } && inner.All(e => e is NotificationRejectedException));
}
