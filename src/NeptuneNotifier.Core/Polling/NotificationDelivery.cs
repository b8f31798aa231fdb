namespace NeptuneNotifier.Core.Polling;

/// <summary>How a delivery ended.</summary>
internal enum DeliveryStatus
{
    /// <summary>Every channel confirmed: the notification left the outbox (or another cycle had completed it already).</summary>
    Confirmed,

    /// <summary>A channel or the outbox failed; the notification stays in the outbox for a later cycle.</summary>
    Failed,

    /// <summary>The deadline stopped it; the notification stays in the outbox and the lease runs out.</summary>
    Interrupted,
}

/// <summary>What delivering one claimed notification did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="MessageId">
/// The channels' ids for the deliveries this attempt made, <c>channel:id</c> in channel order (<c>sns:m-1, eventbridge:e-1</c>);
/// null when nothing went out, as far as is known.
/// </param>
/// <param name="ExpiresAt">After confirming a terminal status: when the store may forget the task.</param>
/// <param name="Failure">What failed, when <paramref name="Status"/> is <see cref="DeliveryStatus.Failed"/> (an <see cref="AggregateException"/> when several did).</param>
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
/// Delivers a claimed notification to every channel and confirms it: the second half of the outbox protocol, the same
/// for a transition this cycle has just claimed and for a notification it took over after an earlier cycle's lease ran out.
/// </summary>
/// <remarks>
/// <para>
/// The channels are tried in their configured order, each one only if the stored claim does not already record its
/// delivery (<see cref="PendingNotification.Delivered"/>). Each delivery is recorded in the outbox as soon as the
/// channel confirms it, so a later attempt never repeats it; when the last missing channel confirms, the notification
/// is completed instead (one write), saying explicitly whether the task leaves the active set (a terminal status).
/// </para>
/// <para>
/// A channel that fails does not stop the others: an outage of one channel delays nothing on another, and each keeps
/// its own order per task because the next transition cannot be claimed before this one is completed. When every
/// failure was a refusal (<see cref="NotificationRejectedException"/>) nothing unconfirmed went out, so the lease is
/// given back (<see cref="PublishLeaseRelease"/>) and the next cycle retries the missing channels; after any other
/// failure the outcome is unknown and the lease stays until it runs out. A failing outbox stops the attempt: what was
/// delivered but not recorded may be delivered again on that channel, and only there.
/// </para>
/// <para>
/// A notification this cycle has claimed or taken over is finished once begun: the deadline (the cycle's token) only
/// stops the cycle starting new work. The claim, every missing channel, the records and the confirmation run on a
/// token that fires <see cref="FinishGrace"/> after the deadline: cancelling a call in flight would leave a message that
/// went out unconfirmed, and the next cycle would send it again. A call still running when the grace runs out is
/// cancelled, and the notification stays pending. No channel is started once the lease this cycle holds has run out
/// (another cycle may have taken the notification over): what is missing is left to that cycle.
/// </para>
/// <para>
/// The channels are those configured now: after a redeploy that adds a channel, a notification claimed before goes to
/// it as well; one that removes a channel leaves its recorded delivery ignored. A confirmed channel is never repeated.
/// </para>
/// </remarks>
internal sealed class NotificationDelivery
{
    /// <summary>
    /// How long a delivery may still take once the deadline has fired: the channel call in flight, the write that records
    /// it and the confirmation. A call that takes longer is cancelled, and the notification is delivered again by a later cycle.
    /// </summary>
    public static TimeSpan FinishGrace { get; } = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<DeliveryChannel> channels;
    private readonly INotificationOutbox outbox;
    private readonly TimeSpan retention;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly PublishLeaseRelease leases;

    /// <exception cref="ArgumentException">No channel, or two with one name.</exception>
    public NotificationDelivery(IReadOnlyList<DeliveryChannel> channels, INotificationOutbox outbox, TimeSpan retention, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            throw new ArgumentException("At least one delivery channel is needed.", nameof(channels));
        }

        if (channels.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two delivery channels are named '{twice.Key}'; deliveries are recorded by name.", nameof(channels));
        }

        this.channels = channels;
        this.outbox = outbox;
        this.retention = retention;
        this.timeProvider = timeProvider;
        this.logger = logger;
        leases = new PublishLeaseRelease(outbox, timeProvider, logger);
    }

    /// <summary>
    /// The claim of what a read of <paramref name="task"/> found at <paramref name="now"/>: a new notification id
    /// (time-ordered), the stored status as the previous one, the read as it is stored, the task's next version, and a
    /// lease of <paramref name="lease"/>.
    /// </summary>
    public static PendingNotification NextClaim(TrackedTask task, TaskSnapshot read, DateTimeOffset now, TimeSpan lease) =>
        new(Guid.CreateVersion7(now).ToString("N"), task.Status, TaskReads.Stored(read), task.Version + 1, now, now + lease);

    /// <summary>
    /// The first half of the outbox protocol, the same for a transition and an alert this cycle has just found: claims
    /// <paramref name="pending"/> with a write conditional on the task still being at <paramref name="readVersion"/>
    /// (so of two overlapping cycles only one claims it), then delivers it. <paramref name="found"/> says what was found,
    /// for the logs. Returns the facts to count besides the read's.
    /// </summary>
    /// <remarks>Never throws for a failure of the outbox or a channel: a claim that was written and not confirmed is delivered by a later cycle.</remarks>
    public async Task<StepOutcome> ClaimAndDeliverAsync(PendingNotification pending, long readVersion, string found, CancellationToken cancellationToken)
    {
        using var finishing = new Finishing(cancellationToken, timeProvider);
        try
        {
            if (!await outbox.TryClaimAsync(pending, readVersion, finishing.Token))
            {
                logger.LogInformation("Task {TaskId} {Found} but another cycle claimed it first", pending.TaskId, found);
                return StepOutcome.Skipped;
            }
        }
        catch (OperationCanceledException) when (finishing.Token.IsCancellationRequested)
        {
            return StepOutcome.Interrupted;
        }
        catch (Exception exception)
        {
            // Whether the claim was written is unknown: if it was, a later cycle takes it over once its lease runs out.
            LogNotDelivered(exception, pending, found, pending.LeaseUntil);
            return StepOutcome.Failed;
        }

        logger.LogInformation("Task {TaskId} {Found}; notification {NotificationId} claimed", pending.TaskId, found, pending.NotificationId);
        var result = await FinishDeliveryAsync(pending, pending.LeaseUntil, finishing.Token);
        if (result.MessageId is { } messageId)
        {
            logger.LogInformation("Published notification {NotificationId} for task {TaskId} as message {MessageId}", pending.NotificationId, pending.TaskId, messageId);
        }

        if (result is { Status: DeliveryStatus.Failed, Failure: { } failure, RetryFrom: { } retryFrom })
        {
            // Whatever was claimed stays in the outbox and is delivered by a later cycle.
            LogNotDelivered(failure, pending, found, retryFrom);
        }

        return result.Facts(StepOutcome.Published) | (result.Status == DeliveryStatus.Interrupted ? StepOutcome.Interrupted : StepOutcome.None);
    }

    /// <summary>
    /// Delivers <paramref name="pending"/>, which this cycle holds with lease <paramref name="heldLease"/>, to every channel
    /// still missing, then confirms it; <paramref name="cancellationToken"/> is the deadline, after which it has <see cref="FinishGrace"/>.
    /// </summary>
    /// <remarks>Never throws for a failure of a channel or the outbox: the result says what happened.</remarks>
    public async Task<DeliveryResult> DeliverAsync(PendingNotification pending, DateTimeOffset heldLease, CancellationToken cancellationToken)
    {
        using var finishing = new Finishing(cancellationToken, timeProvider);
        return await FinishDeliveryAsync(pending, heldLease, finishing.Token);
    }

    // The delivery once begun, on a token that already allows for the grace.
    private async Task<DeliveryResult> FinishDeliveryAsync(PendingNotification pending, DateTimeOffset heldLease, CancellationToken token)
    {
        var missing = channels.Where(c => !pending.Delivered.Contains(c.Name)).ToList();
        List<string> sent = [];
        List<Exception> failures = [];
        try
        {
            for (var i = 0; i < missing.Count; i++)
            {
                var channel = missing[i];
                if (timeProvider.GetUtcNow() >= heldLease)
                {
                    failures.Add(new TimeoutException($"The lease on notification {pending.NotificationId} ran out at {heldLease:u} before channel {channel.Name} was tried; the cycle that takes it over delivers it."));
                    break;
                }

                string deliveryId;
                try
                {
                    deliveryId = await channel.Channel.DeliverAsync(pending, token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    logger.LogInformation("Channel {Channel} did not take notification {NotificationId} for task {TaskId}: {Reason}", channel.Name, pending.NotificationId, pending.TaskId, exception.Message);
                    failures.Add(exception);
                    continue;
                }

                sent.Add($"{channel.Name}:{deliveryId}");
                var completesNow = failures.Count == 0 && i == missing.Count - 1;
                if (!completesNow && !await outbox.TryRecordDeliveryAsync(pending, channel.Name, deliveryId, token))
                {
                    // Only completion takes the notification away: another cycle delivered the rest.
                    logger.LogWarning("Notification {NotificationId} for task {TaskId} was no longer pending when channel {Channel} confirmed it", pending.NotificationId, pending.TaskId, channel.Name);
                    return new DeliveryResult(DeliveryStatus.Confirmed, Sent(sent));
                }
            }

            if (failures.Count == 0)
            {
                var expiresAt = await ConfirmAsync(pending, token);
                return new DeliveryResult(DeliveryStatus.Confirmed, Sent(sent), expiresAt);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.Interrupted, Sent(sent));
        }
        catch (Exception exception)
        {
            // The outbox failed: whether the write happened is unknown.
            failures.Add(exception);
        }

        var failure = failures.Count == 1 ? failures[0] : new AggregateException(failures);
        var retryFrom = await leases.AfterFailureAsync(failure, pending, heldLease, token);
        return new DeliveryResult(DeliveryStatus.Failed, Sent(sent), Failure: failure, RetryFrom: retryFrom);
    }

    private static string? Sent(List<string> sent) => sent.Count == 0 ? null : string.Join(", ", sent);

    private void LogNotDelivered(Exception exception, PendingNotification pending, string found, DateTimeOffset retryFrom) =>
        logger.LogWarning(exception, "Notifying task {TaskId} ({Found}) failed; the claimed notification is retried by the first cycle from {RetryFrom:u}", pending.TaskId, found, retryFrom);

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

    /// <summary>A token that fires <see cref="FinishGrace"/> after the deadline: what a delivery runs on once begun.</summary>
    private sealed class Finishing : IDisposable
    {
        private readonly CancellationTokenSource source;
        private readonly CancellationTokenRegistration onDeadline;

        public Finishing(CancellationToken deadline, TimeProvider timeProvider)
        {
            source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
            onDeadline = deadline.UnsafeRegister(static state => ((CancellationTokenSource)state!).CancelAfter(FinishGrace), source);
        }

        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            // The registration first: its callback must not run on a disposed source.
            onDeadline.Dispose();
            source.Dispose();
        }
    }
}
