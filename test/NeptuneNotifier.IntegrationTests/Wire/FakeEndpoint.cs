namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// A fake AWS service of the integration tests: a <see cref="CaptureServer"/> that records every request, lets
/// <see cref="Refuse"/> answer it first, and otherwise takes what it carries (a publish, events) as the service does.
/// </summary>
/// <typeparam name="TTaken">What the service keeps of a request it took.</typeparam>
internal abstract class FakeEndpoint<TTaken> : IAsyncDisposable
{
    private readonly CaptureServer server;
    private readonly List<TTaken> taken = [];
    private readonly Lock gate = new();
    private int sequence;

    protected FakeEndpoint() => server = new CaptureServer(request => Refuse(request) ?? Take(request));

    public Uri Endpoint => server.Endpoint;

    /// <summary>Every request that arrived, taken or refused, in order of arrival.</summary>
    public IReadOnlyList<CapturedRequest> Requests => server.Requests;

    /// <summary>Asked first for each request: an answer is sent instead and nothing is taken; null takes it. Takes all by default.</summary>
    public Func<CapturedRequest, CannedResponse?> Refuse { get; set; } = _ => null;

    /// <summary>What the service took, in the order it took it.</summary>
    protected IReadOnlyList<TTaken> Taken
    {
        get
        {
            lock (gate)
            {
                return [.. taken];
            }
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    /// <summary>Takes what <paramref name="request"/> carries (calling <see cref="Keep"/>) and answers as the service does.</summary>
    protected abstract CannedResponse Take(CapturedRequest request);

    protected void Keep(IEnumerable<TTaken> items)
    {
        lock (gate)
        {
            taken.AddRange(items);
        }
    }

    /// <summary>1, 2, 3, ... across all requests: the ids the service gives.</summary>
    protected int NextId() => Interlocked.Increment(ref sequence);
}
