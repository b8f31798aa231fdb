namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// A server that answers only long after the client gave up: a client timeout, or a token cancelled, after
/// <see cref="GiveUpAfter"/> must end the call well before the answer comes.
/// </summary>
internal static class SlowAnswer
{
    /// <summary>The client timeout, or the delay before the caller cancels, of a call to a slow server.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    /// <summary>Well below <see cref="Delay"/>, and far above <see cref="GiveUpAfter"/> on a busy machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);

    /// <summary><paramref name="answer"/>, sent only after the slow server's delay.</summary>
    public static CannedResponse Of(CannedResponse answer) => answer with { Delay = Delay };

    /// <summary>Asserts that <paramref name="call"/> throws <typeparamref name="TException"/> before the slow answer could have come.</summary>
    public static async Task ShouldGiveUpFirstAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        var started = Stopwatch.StartNew();
        await Should.ThrowAsync<TException>(call);
        started.Elapsed.ShouldBeLessThan(Bound);
    }
}
