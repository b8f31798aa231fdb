using System.Collections.Concurrent;
using NeptuneNotifier.Core;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>Records every publish attempt; can fail the next attempts to stand in for an outage or a crash.</summary>
public sealed class RecordingPublisher : INotificationPublisher
{
    private readonly ConcurrentQueue<NotificationMessage> attempts = new();
    private readonly ConcurrentQueue<NotificationMessage> published = new();
    private int failures;
    private int sequence;

    public int FailNext
    {
        get => Volatile.Read(ref failures);
        set => Volatile.Write(ref failures, value);
    }

    /// <summary>What a failed attempt throws: by default an outage whose outcome is unknown (the message may have gone out).</summary>
    public Func<Exception> Failure { get; set; } = () => new HttpRequestException("Simulated SNS outage.");

    /// <summary>Runs inside every attempt before it answers (to hold a publish while another cycle runs, or fail it).</summary>
    public Func<NotificationMessage, CancellationToken, Task>? OnPublish { get; set; }

    /// <summary>Every message handed to the publisher, including those it failed.</summary>
    public IReadOnlyList<NotificationMessage> Attempts => [.. attempts];

    /// <summary>Messages that were published (the call returned a message id).</summary>
    public IReadOnlyList<NotificationMessage> Published => [.. published];

    public async Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        attempts.Enqueue(message);
        if (OnPublish is { } onPublish)
        {
            await onPublish(message, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        if (Interlocked.Decrement(ref failures) >= 0)
        {
            throw Failure();
        }

        published.Enqueue(message);
        return $"message-{Interlocked.Increment(ref sequence)}";
    }
}
