using System.Collections.Concurrent;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>
/// Records every delivery attempt, rendered as a channel renders it; can fail the next attempts to stand in for an
/// outage or a crash.
/// </summary>
public sealed class RecordingChannel : INotificationChannel
{
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions(TestAccount.Region));

    private readonly ConcurrentQueue<RenderedNotification> attempts = new();
    private readonly ConcurrentQueue<RenderedNotification> published = new();
    private int failures;
    private int sequence;

    public int FailNext
    {
        get => Volatile.Read(ref failures);
        set => Volatile.Write(ref failures, value);
    }

    /// <summary>What a failed attempt throws: by default an outage whose outcome is unknown (the notification may have gone out).</summary>
    public Func<Exception> Failure { get; set; } = () => new HttpRequestException("Simulated SNS outage.");

    /// <summary>Runs inside every attempt before it answers (to hold a delivery while another cycle runs, or fail it).</summary>
    public Func<PendingNotification, CancellationToken, Task>? OnPublish { get; set; }

    /// <summary>Makes every attempt cancel <paramref name="deadline"/> and stop there, as a cycle's deadline falling mid-publish.</summary>
    public void CancelDuringPublish(CancellationTokenSource deadline) => OnPublish = async (_, token) =>
    {
        await deadline.CancelAsync();
        token.ThrowIfCancellationRequested();
    };

    /// <summary>Every notification handed to the channel, including those it failed.</summary>
    public IReadOnlyList<RenderedNotification> Attempts => [.. attempts];

    /// <summary>Notifications that were delivered (the call returned a delivery id).</summary>
    public IReadOnlyList<RenderedNotification> Published => [.. published];

    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var rendered = Renderer.Render(notification);
        attempts.Enqueue(rendered);
        if (OnPublish is { } onPublish)
        {
            await onPublish(notification, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        if (Interlocked.Decrement(ref failures) >= 0)
        {
            throw Failure();
        }

        published.Enqueue(rendered);
        return $"message-{Interlocked.Increment(ref sequence)}";
    }
}
