using Amazon;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Http;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Core.Settings;
using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Function;

/// <summary>The Lambda <c>bootstrap</c>: read and check the configuration once, then serve invocations until the sandbox ends.</summary>
internal static class Program
{
    /// <summary>The configuration variables the function reads (besides those Lambda itself sets): template.yaml sets these.</summary>
    internal static IReadOnlyList<string> ConfigurationVariables { get; } = [.. NotifierSettings.Variables, LogLevelVariable];

    /// <summary>Variables template.yaml sets for the .NET runtime itself rather than for our code.</summary>
    internal static IReadOnlyList<string> RuntimeVariables { get; } = ["DOTNET_GCgen0size"];

    private const string LogLevelVariable = "LOG_LEVEL";

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

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(Enum.TryParse<LogLevel>(environment.GetValueOrDefault(LogLevelVariable), ignoreCase: true, out var level) ? level : LogLevel.Information)
            .AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
            }));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var runtime = new RuntimeApiClient(http, runtimeApi);
        // Lives as long as the process: the ProcessExit handler may run after Main has returned.
        var stopping = new CancellationTokenSource();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();

        Composition composition;
        try
        {
            composition = Compose(environment, loggerFactory);
        }
        catch (Exception exception) when (exception is SettingsException or ArgumentException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await runtime.SendInitErrorAsync(new FunctionError("Runtime.InvalidConfiguration", exception.Message), stopping.Token);
            return 1;
        }

        using (composition)
        {
            var loop = new RuntimeLoop(runtime, composition.Function, TimeProvider.System, loggerFactory.CreateLogger<RuntimeLoop>());
            try
            {
                await loop.RunAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The sandbox is shutting down.
            }
            catch (HttpRequestException exception)
            {
                // Without the Runtime API there is nothing to serve: Lambda restarts the sandbox.
                await Console.Error.WriteLineAsync($"The Lambda Runtime API at {runtimeApi} cannot be reached: {exception.Message}");
                return 1;
            }
        }

        return 0;
    }

    private static Composition Compose(IReadOnlyDictionary<string, string?> environment, ILoggerFactory loggerFactory)
    {
        var settings = NotifierSettings.Load(environment);
        var region = environment.GetValueOrDefault("AWS_REGION") is { Length: > 0 } configured
            ? configured
            : throw new SettingsException(["AWS_REGION is not set (Lambda sets it; set it when running bootstrap elsewhere)."]);
        var endpoint = RegionEndpoint.GetBySystemName(region);

        var clients = new ServiceClientFactory(endpoint, settings.RequestTimeout);
        var dynamoDb = clients.CreateDynamoDb();
        var neptune = clients.CreateNeptuneGraph(loggerFactory.CreateLogger<NeptuneGraphClient>());
        var sns = clients.CreateSns();
        var store = new DynamoDbTaskStateStore(dynamoDb, settings.TableName);
        var source = new NeptuneExportTaskSource(neptune);
        var cycle = new PollCycle(
            store,
            source,
            new SnsNotificationChannel(sns, new SnsPublishEnvelope(settings.TopicArn, new NotificationRenderer(new NotificationOptions(region)))),
            settings.Cycle,
            TimeProvider.System,
            loggerFactory.CreateLogger<PollCycle>());
        var function = new NotifierFunction(
            cycle,
            store,
            new StartedExportTracker(store, source, settings.Cycle, TimeProvider.System, loggerFactory.CreateLogger<StartedExportTracker>()),
            region,
            environment.GetValueOrDefault("AWS_LAMBDA_FUNCTION_NAME") ?? "neptune-notifier",
            Console.Out,
            TimeProvider.System,
            loggerFactory.CreateLogger<NotifierFunction>());
        return new Composition(function, [dynamoDb, neptune, sns]);
    }

    private sealed class Composition(NotifierFunction function, IReadOnlyList<IDisposable> clients) : IDisposable
    {
        public NotifierFunction Function { get; } = function;

        public void Dispose()
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
