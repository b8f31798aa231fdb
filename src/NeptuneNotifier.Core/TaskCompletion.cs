namespace NeptuneNotifier.Core;

/// <summary>
/// What confirming a published notification does to its task: it stays active and is polled again, or its status was
/// terminal and it leaves the active set. Said explicitly rather than read from whether an expiry is given.
/// </summary>
public abstract record TaskCompletion
{
    private TaskCompletion()
    {
    }

    /// <summary>The notified status is not terminal: the task stays active and is polled again.</summary>
    public sealed record StillActive : TaskCompletion;

    /// <summary>The notified status is terminal: the task is no longer polled and may be forgotten after <paramref name="ExpiresAt"/>.</summary>
    /// <param name="ExpiresAt">When the store may forget the task (the retention period after the notification).</param>
    public sealed record Terminal(DateTimeOffset ExpiresAt) : TaskCompletion;
}
