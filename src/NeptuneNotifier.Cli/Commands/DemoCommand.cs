using Amazon.Runtime;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Cli.State;
using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Emulator;

namespace NeptuneNotifier.Cli.Commands;

/// <summary>
/// <c>demo</c>: the whole notifier on this machine with no AWS account. A Neptune Analytics emulator runs in-process;
/// three exports start (one succeeds, one fails with a reason, one is cancelled midway), one import that fails on its
/// data, and one export that stops progressing and is cancelled once its stall is alerted; <c>watch</c> follows them in
/// the embedded store and prints every notification.
/// </summary>
internal static class DemoCommand
{
    // The emulator's own region and account: the roles and the key are where its graphs are.
    public const string Name = "demo";

    private const string Region = EmulatorOptions.DefaultRegion;
    private const string Account = EmulatorOptions.DefaultAccountId;
    private const string RoleArn = $"arn:aws:iam::{Account}:role/NeptuneExportRole";
    private const string ImportRoleArn = $"arn:aws:iam::{Account}:role/NeptuneImportRole";
    private const string SalesGraph = "g-sales00001";
    private const string FraudGraph = "g-fraud00001";
    private const string SocialGraph = "g-social0001";
    private const string EventsGraph = "g-events0001";
    private const string ImportGraph = "g-orders0001";
    private const string KmsKey = $"arn:aws:kms:{Region}:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const int CancelAtPercent = 30;
    private const int StallAtPercent = 20;

    private static readonly Option<double> Speed = new("--speed")
    {
        Description = "How many times faster than real time the emulated exports run, from 0.1 to 1000 (at 10 the demo takes about 20 seconds).",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<TimeSpan?> Timeout = new("--timeout")
    {
        Description = "Give up when the tasks have not all finished by then, from 1s to 24h (default: 2m at --speed 10 and above, longer in proportion below: 20m at 1).",
        CustomParser = result => CliOptions.ParseDuration(result, "2m"),
    };

    /// <summary>
    /// How long the demo may run when <c>--timeout</c> is not given: 2 minutes at speed 10 and above (at 10 it takes about
    /// 15 seconds), longer in proportion to its length below, where its emulated minutes take longer.
    /// </summary>
    internal static TimeSpan DefaultTimeout(double speed) => TimeSpan.FromMinutes(2) * Math.Max(1, 10 / speed);

    public static Command Create(CliContext context) => CliApp.WithStoppableBody(
        new Command(Name, "Run the whole notifier locally: an emulated Neptune Analytics, four exports (succeeds, fails, cancelled, stalls), an import (fails) and every notification printed.")
        {
            Speed,
            Timeout,
            CliOptions.State,
            CliOptions.Out,
        },
        context,
        RunAsync);

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        // Given before the command (`--table t demo`), a backend option parses; the demo would not use it.
        if (CliOptions.Backend.Except(parse.CommandResult.Command.Options).FirstOrDefault(option => parse.GetResult(option) is not null) is { } unused)
        {
            throw new CliUsageException($"demo runs on its own emulated Neptune Analytics and embedded store, so {unused.Name} is not used; it takes --state and --out.");
        }

        var speed = parse.GetValue(Speed);
        if (!(speed is >= 0.1 and <= 1000))
        {
            throw new CliUsageException($"--speed {speed.ToString(CultureInfo.InvariantCulture)} must be from 0.1 to 1000.");
        }

        var console = context.Console;
        var outFolder = Path.GetFullPath(parse.GetValue(CliOptions.Out)
            ?? Path.Combine(Path.GetTempPath(), "neptune-notifier-demo-" + context.TimeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        var statePath = Path.GetFullPath(parse.GetValue(CliOptions.State) ?? Path.Combine(outFolder, "state.db"));
        if (File.Exists(statePath))
        {
            // The emulator gives the same task IDs each run: in an earlier run's store they are finished already, and
            // this run would notify nothing.
            throw new CliUsageException($"The demo tracks its tasks in a new store, and {statePath} exists (an earlier run's?): give another --out folder, or delete it.");
        }

        Directory.CreateDirectory(outFolder);

        var scenario = new EmulatorScenario(
        [
            new ScenarioGraph(SalesGraph, "sales-graph", VertexCount: 400_000, EdgeCount: 1_600_000),
            new ScenarioGraph(FraudGraph, "fraud-graph", VertexCount: 300_000, EdgeCount: 900_000),
            new ScenarioGraph(SocialGraph, "social-graph", VertexCount: 500_000, EdgeCount: 2_500_000),
            new ScenarioGraph(EventsGraph, "events-graph", VertexCount: 800_000, EdgeCount: 3_200_000),
            new ScenarioGraph(ImportGraph, "orders-graph", VertexCount: 200_000, EdgeCount: 600_000),
        ]);
        await using var emulator = await NeptuneEmulator.StartAsync(new EmulatorOptions(Speed: speed, Scenario: scenario), context.TimeProvider, cancellationToken);
        console.MarkupLineInterpolated($"[bold]Neptune Analytics emulator[/] at {emulator.Endpoint} ({speed.ToString(CultureInfo.InvariantCulture)}x real time)");

        // The emulator checks no signatures; the client still signs, as it would for the real service.
        var client = new NeptuneGraphClient(
            new BasicAWSCredentials("AKIDEMOEXAMPLE", "demo-secret"),
            new NeptuneGraphClientConfig { ServiceURL = emulator.Endpoint.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 2 });
        var store = await SqliteTaskStateStore.OpenAsync(statePath, context.TimeProvider, cancellationToken);
        var channel = new LocalNotificationChannel(outFolder, Region, new LocalEventEntries(Region, Account));
        await using var backend = Backend.Over(
            store, $"embedded store {store.Path}", new NeptuneExportTaskSource(client), channel,
            new PollCycleOptions
            {
                MaxConcurrency = 4,
                RequestsPerSecond = 20,
                Burst = 10,
                // A minute of emulated time: the stall is timed on the real clock, the export on the emulator's faster one.
                Alerts = new AlertOptions(StalledAfter: TimeSpan.FromMinutes(1) / speed),
            },
            Region,
            [store],
            [client]);

        var succeeding = await StartExportAsync(client, SalesGraph, "s3://analytics-exports/sales/", ExportFormat.Parquet, cancellationToken);
        var failing = await StartExportAsync(client, FraudGraph, "s3://analytics-exports/fraud/", ExportFormat.Csv, cancellationToken);
        var cancelled = await StartExportAsync(client, SocialGraph, "s3://analytics-exports/social/", ExportFormat.Parquet, cancellationToken);
        var stalled = await StartExportAsync(client, EventsGraph, "s3://analytics-exports/events/", ExportFormat.Parquet, cancellationToken);
        emulator.Control.ScriptFailure(failing, 60, "Export failed: access denied writing to s3://analytics-exports/fraud/part-00042.csv. Check that the role has s3:PutObject on the destination.");
        emulator.Control.StopProgress(stalled, StallAtPercent);

        // Held where it is to be cancelled until a cycle sees it there: at high --speed an export runs its course between
        // two cycles a second apart, and a cancel sent after it succeeded is refused (ConflictException).
        emulator.Control.StopProgress(cancelled, CancelAtPercent);
        console.MarkupLineInterpolated($"Started exports [bold]{succeeding}[/] (sales-graph, will succeed), [bold]{failing}[/] (fraud-graph, will fail at 60%), [bold]{cancelled}[/] (social-graph, cancelled at {CancelAtPercent}%), [bold]{stalled}[/] (events-graph, stops at {StallAtPercent}% and is cancelled once the stall is alerted)");
        var import = await emulator.StartImportAsync(ImportGraph, "s3://analytics-imports/orders/", ImportRoleArn, cancellationToken);
        emulator.Control.ScriptFailure(import, 40, "Import failed: malformed CSV header in s3://analytics-imports/orders/vertices.csv: column '~label' is missing.");
        console.MarkupLineInterpolated($"Started import [bold]{import}[/] (orders-graph, will fail at 40% on its data)");

        // The import is tracked without its kind, as {"track":[...]} does: the first read finds it out.
        await backend.Store.TrackAsync(
            [new(succeeding, SalesGraph), new(failing, FraudGraph), new(cancelled, SocialGraph), new(stalled, EventsGraph), new(import, ImportGraph)],
            context.TimeProvider.GetUtcNow(),
            cancellationToken);
        console.MarkupLineInterpolated($"Tracking them in {backend.StoreDescription}; notifications go to {backend.ChannelDescription}");

        var watcher = new Watcher(context, backend, dryRun: false, showsProgress: true);
        var cancelSent = false;
        var stallHandled = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = parse.GetValue(Timeout) ?? DefaultTimeout(speed);
        deadline.CancelAfter(timeout);
        await watcher.WatchAsync(TimeSpan.FromSeconds(1), untilIdle: true, deadline.Token, async (w, token) =>
        {
            if (!cancelSent && w.Latest(cancelled) is { ProgressPercentage: >= CancelAtPercent })
            {
                await client.CancelExportTaskAsync(new CancelExportTaskRequest { TaskIdentifier = cancelled }, token);
                cancelSent = true;
                console.MarkupLineInterpolated($"[yellow]Cancelled export {cancelled} midway[/]");
            }

            // What an operator does on a stall alert: look, then cancel the stuck export (and start it again).
            bool stallAlerted;
            lock (w.Notifications)
            {
                stallAlerted = w.Notifications.Any(n => n.Identity.TaskId == stalled && n.Identity.NotificationKind == NotificationKind.Stalled);
            }

            if (!stallHandled && stallAlerted)
            {
                await client.CancelExportTaskAsync(new CancelExportTaskRequest { TaskIdentifier = stalled }, token);
                stallHandled = true;
                console.MarkupLineInterpolated($"[yellow]Cancelled export {stalled} after its stall alert[/]");
            }
        });

        string[] started = [succeeding, failing, cancelled, stalled, import];
        var final = await Task.WhenAll(started.Select(id => backend.Store.GetAsync(id, cancellationToken)));
        var table = new Table().RoundedBorder().AddColumns("Task", "Kind", "Graph", "Final status", "Notifications");
        foreach (var task in final.OfType<TrackedTask>())
        {
            table.AddRow(task.TaskId, ListCommand.KindName(task), task.GraphId ?? "-", ListCommand.StatusMarkup(task.Status), watcher.Notifications.Count(n => n.Identity.TaskId == task.TaskId).ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var terminal = final.Count(t => t?.Status is { IsTerminal: true });
        console.MarkupLineInterpolated($"[bold]{watcher.Notifications.Count} notifications[/]; email text, Slack (Amazon Q Developer) JSON, the machine-readable event and the EventBridge entry of each are in [bold]{outFolder}[/]");
        if (terminal != started.Length)
        {
            await context.Error.WriteLineAsync($"error: only {terminal} of {started.Length} tasks reached a final status within the --timeout of {CliOptions.Duration(timeout)}.");
            return CliApp.Failure;
        }

        return CliApp.Success;
    }

    private static async Task<string> StartExportAsync(NeptuneGraphClient client, string graphId, string destination, ExportFormat format, CancellationToken cancellationToken)
    {
        var response = await client.StartExportTaskAsync(
            new StartExportTaskRequest
            {
                GraphIdentifier = graphId,
                RoleArn = RoleArn,
                Format = format,
                Destination = destination,
                KmsKeyIdentifier = KmsKey,
                ParquetType = format == ExportFormat.Parquet ? ParquetType.Columnar : null,
            },
            cancellationToken);
        return response.Task.TaskId;
    }
}
