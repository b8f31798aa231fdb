using Microsoft.Extensions.Logging;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// Answers our clients' HTTP requests in memory through AWSSDK.Core's <see cref="HttpClientFactory"/> hook: the whole
/// SDK pipeline (marshalling, signing, retries, unmarshalling) runs, without a socket.
/// </summary>
internal sealed class StubTransport(Func<HttpRequestMessage, (HttpStatusCode Status, string Body)> answer) : HttpClientFactory
{
    private int requests;

    private Func<HttpRequestMessage, (HttpStatusCode Status, string Body)> Answer { get; } = answer;

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Turns on the SDK's response logging (<see cref="ClientConfig.LogResponse"/>) in the clients it makes.</summary>
    public bool LogResponses { get; init; }

    public static StubTransport Json(string body) => new(_ => (HttpStatusCode.OK, body));

    /// <summary>Answers every request with <paramref name="body"/>, keeping the body of each request in <paramref name="requestBodies"/>.</summary>
    public static StubTransport Recording(List<string> requestBodies, string body) => new(request =>
    {
        using var reader = new StreamReader(request.Content!.ReadAsStream(TestContext.Current.CancellationToken));
        var requestBody = reader.ReadToEnd();
        lock (requestBodies)
        {
            requestBodies.Add(requestBody);
        }

        return (HttpStatusCode.OK, body);
    });

    public NeptuneGraphClient NeptuneGraph(ILogger? logger = null, int maxErrorRetry = 3) =>
        new(TestAccount.Credentials, Configure(new NeptuneGraphClientConfig(), "https://neptune-graph.us-east-1.amazonaws.com", maxErrorRetry), logger);

    public EventBridgeClient EventBridge(ILogger? logger = null, int maxErrorRetry = 0) =>
        new(TestAccount.Credentials, Configure(new EventBridgeClientConfig(), "https://events.us-east-1.amazonaws.com", maxErrorRetry), logger);

    public SnsClient Sns(int maxErrorRetry = 0) =>
        new(TestAccount.Credentials, Configure(new SnsClientConfig(), "https://sns.us-east-1.amazonaws.com", maxErrorRetry));

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this));

    private T Configure<T>(T config, string serviceUrl, int maxErrorRetry)
        where T : ClientConfig
    {
        config.ServiceURL = serviceUrl;
        config.AuthenticationRegion = TestAccount.Region;
        config.MaxErrorRetry = maxErrorRetry;
        config.HttpClientFactory = this;
        config.LogResponse = LogResponses;
        return config;
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    private sealed class Handler(StubTransport owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner.requests);
            var (status, body) = owner.Answer(request);
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
            response.Headers.Add("x-amzn-RequestId", "req-stub");
            return Task.FromResult(response);
        }
    }
}

/// <summary>Keeps every log entry with its level, rendered message and exception; as a factory, it is every category's logger.</summary>
internal sealed class ListLogger : ILogger, ILoggerFactory
{
    private readonly List<(LogLevel Level, string Message, Exception? Exception)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (entries)
        {
            entries.Add((logLevel, formatter(state, exception), exception));
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
