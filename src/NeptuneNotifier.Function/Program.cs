using Amazon;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.Http;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Core.Settings;
using NeptuneNotifier.Function.Observability;
using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Function;

/// <summary>The Lambda <c>bootstrap</c>: read and check the configuration once, then serve invocations until the sandbox ends.</summary>
internal static class Program
{
    /// <summary>The configuration variables the function reads: template.yaml may set only these (Lambda sets AWS_REGION).</summary>
    internal static IReadOnlyList<string> ConfigurationVariables { get; } = [.. SettingDefinitions.ReadBy(SettingReaders.Function).Select(setting => setting.Variable)];

    /// <summary>Variables template.yaml sets for the .NET runtime itself rather than for our code.</summary>
    internal static IReadOnlyList<string> RuntimeVariables { get; } = ["DOTNET_GCgen0size"];

    public static async Task<int> Main()
    {
        var environment = System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var runtimeApi = environment.GetValueOrDefault("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            await Console.Error.WriteLineAsync("AWS_LAMBDA_RUNTIME_API is not set: bootstrap runs inside AWS Lambda (or a Runtime API emulator).");
            return 2;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var runtime = new RuntimeApiClient(http, runtimeApi);
        // Lives as long as the process: the ProcessExit handler may run after Main has returned.
        var stopping = new CancellationTokenSource();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();

        NotifierSettings settings;
        try
        {
            settings = NotifierSettings.Load(environment);
        }
        catch (SettingsException exception)
        {
            return await FailInitAsync(runtime, exception, stopping.Token);
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(settings.LogLevel)
            .AddProvider(new JsonLineLoggerProvider(Console.Out, TimeProvider.System)));
        Composition composition;
        try
        {
            composition = Compose(settings, environment.GetValueOrDefault("AWS_LAMBDA_FUNCTION_NAME"), loggerFactory);
        }
        catch (ArgumentException exception)
        {
            return await FailInitAsync(runtime, exception, stopping.Token);
        }

        using (composition)
        {
            var loop = new RuntimeLoop(runtime, composition.Function, composition.Invoked, TimeProvider.System, loggerFactory.CreateLogger<RuntimeLoop>());
            try
            {
                await loop.RunAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The sandbox is shutting down.
            }
            catch (InvalidInvocationException exception)
            {
                // An invocation without a request id cannot be answered: a fresh sandbox is the way on.
                await Console.Error.WriteLineAsync($"{exception.Message} The runtime exits.");
                return 1;
            }
            catch (HttpRequestException exception)
            {
                // Without the Runtime API, or after its container error (a 5xx: "Runtime should exit promptly", runtime-api.yaml),
                // there is nothing to serve: exiting lets Lambda start a new sandbox.
                await Console.Error.WriteLineAsync($"The Lambda Runtime API at {runtimeApi} failed, so the runtime exits: {exception.Message}");
                return 1;
            }
        }

        return 0;
    }

    private static async Task<int> FailInitAsync(RuntimeApiClient runtime, Exception exception, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync(exception.Message);
        await runtime.SendInitErrorAsync(new FunctionError("Runtime.InvalidConfiguration", exception.Message), cancellationToken);
        return 1;
    }

    private static Composition Compose(NotifierSettings settings, string? functionName, ILoggerFactory loggerFactory)
    {
        var region = settings.Region;
        var endpoint = RegionEndpoint.GetBySystemName(region);

        var clients = new ServiceClientFactory(endpoint, settings.RequestTimeout);
        var dynamoDb = clients.CreateDynamoDb();
        var neptune = clients.CreateNeptuneGraph(loggerFactory.CreateLogger<NeptuneGraphClient>());
        List<IDisposable> owned = [dynamoDb, neptune];
        var invoked = new InvokedFunction();
        var channels = Channels(settings, clients, new NotificationRenderer(new NotificationOptions(region)), invoked, loggerFactory, owned);
        var store = new DynamoDbTaskStateStore(dynamoDb, settings.TableName);
        var source = new NeptuneExportTaskSource(neptune);
        var cycle = new PollCycle(store, source, channels, settings.Cycle, TimeProvider.System, loggerFactory.CreateLogger<PollCycle>());
        var function = new NotifierFunction(
            cycle,
            store,
            new StartedExportTracker(store, source, settings.Cycle, TimeProvider.System, loggerFactory.CreateLogger<StartedExportTracker>()),
            region,
            functionName ?? "neptune-notifier",
            Console.Out,
            TimeProvider.System,
            loggerFactory.CreateLogger<NotifierFunction>());
        return new Composition(function, invoked, owned);
    }

    // In a fixed order, SNS first: the order each notification is delivered in, and its channels' names in the store.
    private static List<DeliveryChannel> Channels(
        NotifierSettings settings, ServiceClientFactory clients, NotificationRenderer renderer, InvokedFunction invoked, ILoggerFactory loggerFactory, List<IDisposable> owned)
    {
        List<DeliveryChannel> channels = [];
        if (settings.TopicArn is { } topicArn)
        {
            var sns = clients.CreateSns();
            owned.Add(sns);
            channels.Add(new DeliveryChannel(DeliveryChannel.Sns, new SnsNotificationChannel(sns, new SnsPublishEnvelope(topicArn, renderer))));
        }

        if (settings.EventBusName is { } eventBus)
        {
            // The event's resource ARNs need the account, which Lambda names only in each invocation.
            var eventBridge = clients.CreateEventBridge(loggerFactory.CreateLogger<EventBridgeClient>());
            owned.Add(eventBridge);
            channels.Add(new DeliveryChannel(
                DeliveryChannel.EventBridge,
                new InvocationScopedChannel(invoked, account => new EventBridgeNotificationChannel(eventBridge, new EventBridgeEventEnvelope(eventBus, settings.Region, account, renderer)))));
        }

        return channels;
    }

    private sealed class Composition(NotifierFunction function, InvokedFunction invoked, IReadOnlyList<IDisposable> clients) : IDisposable
    {
        public NotifierFunction Function { get; } = function;

        /// <summary>Where the runtime loop puts each invocation's function ARN.</summary>
        public InvokedFunction Invoked { get; } = invoked;

        public void Dispose()
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
