namespace NeptuneNotifier.Aws.DynamoDb;

/// <summary>
/// How the store retries the keys a <c>BatchGetItem</c> answer leaves in <c>UnprocessedKeys</c>: a bounded number of
/// times, each after an exponential backoff with full jitter (a uniform random delay between zero and
/// <c>min(MaxDelay, BaseDelay × 2^retry)</c>).
/// </summary>
/// <remarks>
/// DynamoDB answers a partial result when the table's throughput is exceeded (or the answer would pass 16 MB) and
/// recommends retrying the unprocessed keys with exponential backoff, because an immediate retry meets the same
/// throttling: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html and
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.BatchOperations.
/// The AWS SDK's own retries do not cover this: the answer is a 200. Full jitter spreads the retries of overlapping
/// cycles (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
/// </remarks>
public sealed record UnprocessedKeysRetry
{
    /// <summary>How many times the unprocessed keys are asked for again before the read fails (1 to 20; default 5).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The backoff ceiling of the first retry, doubled for each further one (default 50 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The largest backoff ceiling (default 1 second): with the defaults a read gives up within 2 seconds of waiting.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock the delays run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Uniform draws in [0, 1) for the jitter.</summary>
    public Func<double> NextDouble { get; init; } = Random.Shared.NextDouble;

    /// <summary>The delay before retry <paramref name="retry"/> (0 for the first).</summary>
    internal TimeSpan Delay(int retry)
    {
        var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromTicks((long)(Math.Clamp(NextDouble(), 0, 1) * ceiling));
    }

    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    internal void Validate()
    {
        if (MaxRetries is < 1 or > 20)
        {
            throw new ArgumentException($"{nameof(MaxRetries)}: {MaxRetries} is outside 1 to 20.", nameof(MaxRetries));
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"{nameof(BaseDelay)} {BaseDelay} and {nameof(MaxDelay)} {MaxDelay} must satisfy 0 < base <= max <= 1 minute.", nameof(BaseDelay));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(NextDouble);
    }
}
