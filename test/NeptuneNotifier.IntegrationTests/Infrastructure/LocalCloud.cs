using System.Threading.RateLimiting;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// The services one integration test runs the notifier against, each started on first use and stopped with the test:
/// the emulator on a fake clock, state tables from template.yaml on dynalite (or moto), the fake SNS topic; and our
/// clients for them, all with the test's credentials. Create one per test and dispose it in the test's DisposeAsync.
/// </summary>
internal sealed class LocalCloud(Uri dynamoDbEndpoint) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private NeptuneEmulator? emulator;
    private FakeSns? sns;
    private FakeEventBus? bus;
    private NeptuneGraphClient? setupNeptune;

    public LocalCloud(DynaliteFixture dynalite)
        : this(dynalite.Endpoint)
    {
    }

    /// <summary>The emulator's clock and the cycles' (a fixed morning unless a test sets another).</summary>
    public FakeTimeProvider Time { get; init; } = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    /// <summary>What our clients and processes sign with; the services check it only where a test asks them to.</summary>
    public AWSCredentials Credentials { get; init; } = new BasicAWSCredentials("AKIDLOCALCLOUD", "local-cloud-secret");

    public Uri DynamoDbEndpoint => dynamoDbEndpoint;

    public NeptuneEmulator Emulator => emulator ?? throw new InvalidOperationException("The emulator is not started: call StartEmulatorAsync first.");

    /// <summary>The fake SNS topic, started on first use.</summary>
    public FakeSns Sns => sns ??= Own(new FakeSns());

    /// <summary>The fake event bus, started on first use.</summary>
    public FakeEventBus Bus => bus ??= Own(new FakeEventBus());

    public async Task<NeptuneEmulator> StartEmulatorAsync(EmulatorOptions? options, CancellationToken cancellationToken)
    {
        if (emulator is not null)
        {
            throw new InvalidOperationException("The emulator is already started.");
        }

        emulator = Own(await NeptuneEmulator.StartAsync(options ?? new EmulatorOptions(), Time, cancellationToken));
        return emulator;
    }

    /// <summary>Starts an export of <paramref name="graphId"/> on the emulator, as a user would; returns its task id.</summary>
    public async Task<string> StartExportAsync(string graphId, CancellationToken cancellationToken)
    {
        setupNeptune ??= NeptuneClient();
        var started = await setupNeptune.StartExportTaskAsync(
            new StartExportTaskRequest
            {
                GraphIdentifier = graphId,
                RoleArn = TestAccount.RoleArn,
                Format = NeptuneNotifier.Aws.NeptuneGraph.ExportFormat.Parquet,
                Destination = $"s3://exports/{graphId}/",
                KmsKeyIdentifier = TestAccount.KmsKeyArn,
            },
            cancellationToken);
        return started.Task.TaskId;
    }

    /// <summary>Starts an import into <paramref name="graphId"/> on the emulator, from <c>s3://emulated-bucket/imports/</c> with the test role; returns its task id.</summary>
    public Task<string> StartImportAsync(string graphId, CancellationToken cancellationToken) =>
        Emulator.StartImportAsync(graphId, "s3://emulated-bucket/imports/", TestAccount.RoleArn, cancellationToken);

    /// <summary>A new state table, created from template.yaml and ACTIVE.</summary>
    public async Task<string> CreateStateTableAsync(CancellationToken cancellationToken)
    {
        var setup = OwnClient(DynaliteClients.Create(dynamoDbEndpoint, new RequestCounter()));
        return await DynaliteClients.CreateStateTableAsync(setup, cancellationToken);
    }

    /// <summary>The DynamoDB store on a new state table.</summary>
    public async Task<DynamoDbTaskStateStore> CreateStoreAsync(CancellationToken cancellationToken) => Store(await CreateStateTableAsync(cancellationToken));

    /// <summary>The DynamoDB store on <paramref name="table"/>, through a client of its own (a process of its own).</summary>
    public DynamoDbTaskStateStore Store(string table, RequestCounter? counter = null) =>
        new(OwnClient(DynaliteClients.Create(dynamoDbEndpoint, counter ?? new RequestCounter())), table);

    public NeptuneGraphClient NeptuneClient(int? maxErrorRetry = null, HttpClientFactory? http = null) =>
        OwnClient(LocalClients.Neptune(Emulator.Endpoint, Credentials, maxErrorRetry, http));

    /// <summary>Our SNS client, for the fake topic unless another endpoint is named.</summary>
    public SnsClient SnsClient(int? maxErrorRetry = null, Uri? endpoint = null, AWSCredentials? credentials = null) =>
        OwnClient(LocalClients.Sns(endpoint ?? Sns.Endpoint, credentials ?? Credentials, maxErrorRetry));

    public AmazonDynamoDBClient DynamoDbClient(int? maxErrorRetry = null, HttpClientFactory? http = null) =>
        OwnClient(LocalClients.DynamoDb(dynamoDbEndpoint, Credentials, maxErrorRetry, http));

    /// <summary>The SNS channel as the function composes it: our client, the envelope for the topic, the renderer.</summary>
    public static SnsNotificationChannel SnsChannel(SnsClient client, string topicArn = TestAccount.TopicArn) =>
        new(client, new SnsPublishEnvelope(topicArn, new NotificationRenderer(new NotificationOptions(TestAccount.Region))));

    /// <summary>The EventBridge channel as the function composes it: our client, the envelope for the bus in the test account, the renderer.</summary>
    public static EventBridgeNotificationChannel EventBridgeChannel(EventBridgeClient client, string bus = "default") =>
        new(client, new EventBridgeEventEnvelope(bus, TestAccount.Region, TestAccount.Id, new NotificationRenderer(new NotificationOptions(TestAccount.Region))));

    /// <summary>A poll cycle on the test's clock, notifying through <paramref name="channel"/> as the SNS channel.</summary>
    public PollCycle Cycle(
        ITaskStateStore store, IExportTaskSource source, INotificationChannel channel, PollCycleOptions? options = null, ILogger<PollCycle>? logger = null, RateLimiter? limiter = null) =>
        new(store, source, TestData.Sns(channel), options ?? new PollCycleOptions(), Time, logger ?? NullLogger<PollCycle>.Instance, limiter);

    /// <summary>
    /// A rate limiter that never makes a cycle wait, for tests about something else: the cycle's own limiter refills on
    /// the fake clock, which these tests do not move between requests.
    /// </summary>
    public static RateLimiter Unlimited() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1_000_000,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromHours(1),
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    /// <summary>
    /// The standard AWS variables that point a process of ours at these services: region, credentials, and the
    /// <c>AWS_ENDPOINT_URL_*</c> of DynamoDB and of the emulator and SNS topic when started.
    /// </summary>
    public Dictionary<string, string> AwsEnvironment()
    {
        var credentials = Credentials.GetCredentials();
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = TestAccount.Region,
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretKey,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDbEndpoint.ToString(),
        };
        if (credentials.UseToken)
        {
            environment["AWS_SESSION_TOKEN"] = credentials.Token;
        }

        if (emulator is not null)
        {
            environment["AWS_ENDPOINT_URL_NEPTUNE_GRAPH"] = emulator.Endpoint.ToString();
        }

        if (sns is not null)
        {
            environment["AWS_ENDPOINT_URL_SNS"] = sns.Endpoint.ToString();
        }

        if (bus is not null)
        {
            environment["AWS_ENDPOINT_URL_EVENTBRIDGE"] = bus.Endpoint.ToString();
        }

        return environment;
    }

    /// <summary>Disposes <paramref name="resource"/> with the test, before whatever was owned earlier.</summary>
    public T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        lock (owned)
        {
            owned.Add(resource);
        }

        return resource;
    }

    public T OwnClient<T>(T client)
        where T : IDisposable
    {
        Own(new DisposeSynchronously(client));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> resources;
        lock (owned)
        {
            resources = [.. owned];
            owned.Clear();
        }

        resources.Reverse();
        foreach (var resource in resources)
        {
            await resource.DisposeAsync();
        }
    }

    private sealed class DisposeSynchronously(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
