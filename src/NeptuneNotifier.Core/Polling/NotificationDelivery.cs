namespace NeptuneNotifier.Core.Polling;

/// <summary>How a delivery ended.</summary>
internal enum DeliveryStatus
{
    /// <summary>Delivered and confirmed: the notification left the outbox (or another cycle had confirmed it already).</summary>
    Confirmed,

    /// <summary>The publish or the confirmation failed; the notification stays in the outbox for a later cycle.</summary>
    Failed,

    /// <summary>The deadline stopped it; the notification stays in the outbox and the lease runs out.</summary>
    Interrupted,
}

/// <summary>What delivering one claimed notification did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="MessageId">The channel's id for the delivery; null when nothing went out, as far as is known.</param>
/// <param name="ExpiresAt">After confirming a terminal status: when the store may forget the task.</param>
/// <param name="Failure">What failed, when <paramref name="Status"/> is <see cref="DeliveryStatus.Failed"/>.</param>
/// <param name="RetryFrom">After a failure: from when a cycle may deliver the notification again.</param>
internal sealed record DeliveryResult(
    DeliveryStatus Status,
    string? MessageId,
    DateTimeOffset? ExpiresAt = null,
    Exception? Failure = null,
    DateTimeOffset? RetryFrom = null)
{
    /// <summary>The facts to count: <paramref name="delivered"/> when the notification went out, and the failure.</summary>
    /// <remarks>A notification can go out and still fail to be confirmed: both are counted, as both happened.</remarks>
    public StepOutcome Facts(StepOutcome delivered) =>
        (MessageId is null ? StepOutcome.None : delivered) | (Status == DeliveryStatus.Failed ? StepOutcome.Failed : StepOutcome.None);
}

/// <summary>
/// Delivers a claimed notification and confirms it: the second half of the outbox protocol, the same for a transition
/// this cycle has just claimed and for a notification it took over after an earlier cycle's lease ran out.
/// </summary>
/// <remarks>
/// The confirmation says explicitly whether the task leaves the active set (a terminal status). A publish the channel
/// refused gives the lease back (<see cref="PublishLeaseRelease"/>), so the next cycle retries it; after any other
/// failure the outcome is unknown and the lease stays until it runs out. Either way the notification stays in the
/// outbox until confirmed, and is delivered again with the same content and deduplication key.
/// </remarks>
internal sealed class NotificationDelivery(INotificationChannel channel, INotificationOutbox outbox, TimeSpan retention, TimeProvider timeProvider, ILogger logger)
{
    private readonly PublishLeaseRelease leases = new(outbox, timeProvider, logger);

    /// <summary>Delivers <paramref name="pending"/>, which this cycle holds with lease <paramref name="heldLease"/>, then confirms it.</summary>
    /// <remarks>Never throws for a failure of the channel or the outbox: the result says what happened.</remarks>
    public async Task<DeliveryResult> DeliverAsync(PendingNotification pending, DateTimeOffset heldLease, CancellationToken cancellationToken)
    {
        string? messageId = null;
        try
        {
            messageId = await channel.DeliverAsync(pending, cancellationToken);
            var expiresAt = await ConfirmAsync(pending, cancellationToken);
            return new DeliveryResult(DeliveryStatus.Confirmed, messageId, expiresAt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.Interrupted, messageId);
        }
        catch (Exception exception)
        {
            var retryFrom = await leases.AfterFailureAsync(exception, pending, heldLease, cancellationToken);
            return new DeliveryResult(DeliveryStatus.Failed, messageId, Failure: exception, RetryFrom: retryFrom);
        }
    }

    private async Task<DateTimeOffset?> ConfirmAsync(PendingNotification pending, CancellationToken cancellationToken)
    {
        TaskCompletion completion = pending.Snapshot.Status.IsTerminal
            ? new TaskCompletion.Terminal(timeProvider.GetUtcNow() + retention)
            : new TaskCompletion.StillActive();
        if (!await outbox.CompleteAsync(pending.TaskId, pending.NotificationId, completion, cancellationToken))
        {
            logger.LogWarning("Notification {NotificationId} for task {TaskId} was no longer pending when confirmed", pending.NotificationId, pending.TaskId);
        }

        return (completion as TaskCompletion.Terminal)?.ExpiresAt;
    }
}
