using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Function;

/// <summary>
/// A channel that must know the tasks' account (the EventBridge channel names the task's and the graph's ARNs),
/// created from the first invocation that named the function's ARN, and again should the account ever differ.
/// </summary>
/// <remarks>
/// Lambda names the function in every invocation, so the account is known before the first delivery. Should it not be
/// (a Runtime API emulator that leaves the header out), the delivery is refused: nothing went out, and the account is
/// never guessed. The notification stays pending for that channel alone.
/// </remarks>
internal sealed class InvocationScopedChannel(InvokedFunction invoked, Func<string, INotificationChannel> create) : INotificationChannel
{
    private readonly Lock gate = new();
    private (string AccountId, INotificationChannel Channel)? current;

    public Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var account = invoked.AccountId ?? throw new NotificationRejectedException(
            "The account for the event's resource ARNs is not known: no invocation carried the Lambda-Runtime-Invoked-Function-Arn header.",
            new InvalidOperationException("Lambda-Runtime-Invoked-Function-Arn missing"));
        INotificationChannel channel;
        lock (gate)
        {
            if (current is not { } made || made.AccountId != account)
            {
                made = (account, create(account));
                current = made;
            }

            channel = made.Channel;
        }

        return channel.DeliverAsync(notification, cancellationToken);
    }
}
