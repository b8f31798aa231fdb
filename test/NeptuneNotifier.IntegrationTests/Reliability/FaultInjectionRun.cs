using Microsoft.Extensions.Logging.Abstractions;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// One fault-injection run: the real poll cycle over our Neptune Analytics client (against the emulator, with
/// injected throttling and 5xx), our SNS client (against a fake topic that throttles and fails) and, in an EventBus run,
/// a second channel, our EventBridge client and channel against a bus with outages, failed entries, dropped connections
/// and lost answers (<see cref="BusFaults"/>); the DynamoDB store (on dynalite, behind a handler that fails requests or
/// loses their answers); processes that die at every step between claim, publish and clear; and 2 to 4 cycles at once. Every random choice comes from the seed.
/// In a discovery run the cycles follow every graph and find the new exports themselves (under ListExportTasks faults
/// too), and each graph has exports that finished before it was followed, which must never be published.
/// </summary>
internal sealed partial class FaultInjectionRun(ReliabilitySettings settings, Uri dynaliteEndpoint)
{

    // Recording a channel's delivery happens only with two channels: a one-channel run never reaches those points.
    private readonly CrashPoint[] crashPoints = [.. Enum.GetValues<CrashPoint>()
        .Where(p => p != CrashPoint.None && (settings.EventBus || p is not (CrashPoint.BeforeRecord or CrashPoint.AfterRecord)))];

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    // A discovery run also fails one discovery store call in 40 outright (see CrashingStore), so every run, however
    // short, shows discovery under store failures.
    private readonly RunLedger ledger = new(settings.Discovery ? 40 : 0)
    {
        Channels = settings.EventBus ? [DeliveryChannel.Sns, DeliveryChannel.EventBridge] : [DeliveryChannel.Sns],
    };

    private readonly Dictionary<string, int> outageRounds = new(StringComparer.Ordinal);
    private readonly Random random = new(settings.Seed);

    // Its own sequence, so the quick failures of a discovery run leave the other runs' choices as they were.
    private readonly Random quickFailures = new(settings.Seed + 3);

    // Likewise for the listings' misbehaviour in a list-then-get run.
    private readonly Random listingQuirks = new(settings.Seed + 4);
    // Each slot runs one export at a time, replaced when it finishes: one slot per graph, except in a list-then-get run,
    // where the slots share a few graphs.
    private readonly Dictionary<int, (string GraphId, string TaskId)> slots = [];
    private readonly List<string> tracked = [];
    private readonly List<string> history = [];
    private bool faultsOn = true;
    private int cycles;
    private int steering;
    private int quickFailureCount;
    private int crashes;
    private int discovered;
    private int recorded;
    private int listingPages;
    private int confirmed;
    private int listingLags;
    private int listingOmissions;

    public async Task<RunFigures> RunAsync(CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var topicArn = $"arn:aws:sns:{TestAccount.Region}:{TestAccount.Id}:reliability{(settings.FifoTopic ? ".fifo" : string.Empty)}";

        var graphs = Enumerable.Range(0, settings.ListThenGet ? settings.Graphs : settings.Tasks).Select(i => new ScenarioGraph(
            "g-" + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
            $"graph-{i}",
            VertexCount: random.Next(0, 3_000_000),
            EdgeCount: random.Next(0, 9_000_000),
            PastExports: settings.ListThenGet ? settings.PastExportsPerGraph : 0)).ToList();
        var initial = TestData.DistinctInDynaliteIndex(Enumerable.Range(0, int.MaxValue).Select(_ => NewTaskId()), settings.Tasks)
            .Select((taskId, i) => new ScenarioExportTask(graphs[i % graphs.Count].Id, TaskId: taskId)).ToList();
        await using var cloud = new LocalCloud(dynaliteEndpoint) { Time = time, Credentials = new BasicAWSCredentials("AKIDRELIABILITY", "reliability-secret") };
        var emulator = await cloud.StartEmulatorAsync(
            new EmulatorOptions(Scenario: new EmulatorScenario(graphs, initial), Seed: settings.Seed) { MaxActiveTasksPerGraph = settings.ListThenGet ? settings.Tasks : 1 },
            cancellationToken);
        var neptuneFaults = new FaultRule(ThrottleRate: settings.NeptuneThrottleRate, InternalErrorRate: settings.NeptuneInternalErrorRate);
        emulator.Control.SetFaults("GetExportTask", neptuneFaults);
        if (settings.Discovery || settings.ListThenGet)
        {
            emulator.Control.SetFaults("ListExportTasks", neptuneFaults);
        }

        var snsFaults = new SnsFaults(new SharedRandom(settings.Seed + 1), settings, ledger);
        cloud.Sns.Refuse = snsFaults.Refuse;
        cloud.Sns.Accepted = message => ledger.Deliver(DeliveredMessage.From(message, time.GetUtcNow()));

        var neptune = cloud.NeptuneClient(settings.SdkRetries, new HandlerClientFactory(() => new NeptuneFaultCounter(new SocketsHttpHandler(), ledger)));
        var dynamoRandom = new SharedRandom(settings.Seed + 2);
        var faultyDynamo = cloud.DynamoDbClient(
            settings.SdkRetries,
            new HandlerClientFactory(() => new FaultyDynamoDbHandler(new SocketsHttpHandler(), dynamoRandom, settings, ledger, () => Volatile.Read(ref faultsOn))));
        var table = await cloud.CreateStateTableAsync(cancellationToken);
        var setupStore = cloud.Store(table);
        var store = new DynamoDbTaskStateStore(faultyDynamo, table);
        var source = new NeptuneExportTaskSource(neptune);
        List<DeliveryChannel> channels = [new(DeliveryChannel.Sns, LocalCloud.SnsChannel(cloud.SnsClient(settings.SdkRetries), topicArn))];
        var bus = new BusFaults(new SharedRandom(settings.Seed + 5), settings, ledger, time);
        if (settings.EventBus)
        {
            cloud.Bus.Refuse = bus.Refuse;
            cloud.Bus.AfterPut = bus.AfterPut;
            var eventBridge = cloud.OwnClient(LocalClients.EventBridge(cloud.Bus.Endpoint, cloud.Credentials, settings.SdkRetries));
            channels.Add(new(DeliveryChannel.EventBridge, LocalCloud.EventBridgeChannel(eventBridge)));
        }

        var options = new PollCycleOptions
        {
            MaxConcurrency = 4,
            GraphIds = settings.Discovery ? [.. graphs.Select(g => g.Id)] : [],
            Strategy = settings.ListThenGet ? PollStrategy.List : PollStrategy.Auto,
        };

        if (settings.Discovery)
        {
            // The scenario's exports become the graphs' history; the exports to notify start after it, untracked.
            await MakeHistoryAsync(emulator.Control, neptune, initial, cancellationToken);
            for (var slot = 0; slot < graphs.Count; slot++)
            {
                await TrackAsync(setupStore, slot, await StartExportAsync(neptune, graphs[slot].Id, cancellationToken), graphs[slot].Id, cancellationToken);
            }
        }
        else
        {
            for (var slot = 0; slot < initial.Count; slot++)
            {
                await TrackAsync(setupStore, slot, initial[slot].TaskId!, initial[slot].GraphId, cancellationToken);
            }
        }

        int rounds = 0, overlapping = 0, maxOverlap = 1, couldNotLoad = 0;
        while (cycles < settings.Cycles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rounds++;
            time.Advance(TimeSpan.FromSeconds(random.Next(0, 41)));
            Steer(emulator.Control);
            if (settings.ListThenGet)
            {
                MisleadListings(emulator.Control, graphs);
            }
            await ReplaceFinishedAsync(emulator.Control, neptune, setupStore, cancellationToken);
            if (settings.EventBus)
            {
                // Whole rounds with a channel down: the other channel goes on, and nothing is repeated on it.
                bus.Down = Outage(DeliveryChannel.EventBridge, settings.BusOutageRate);
                snsFaults.Down = Outage(DeliveryChannel.Sns, settings.SnsOutageRate);
            }

            var width = random.NextDouble() < settings.OverlapRate ? random.Next(2, 5) : 1;
            overlapping += width > 1 ? 1 : 0;
            maxOverlap = Math.Max(maxOverlap, width);
            var processes = Enumerable.Range(0, width).Select(_ => NewProcess()).ToList();
            var outcomes = await Task.WhenAll(processes.Select(process => RunCycleAsync(process, store, source, channels, options, cancellationToken)));
            couldNotLoad += outcomes.Count(loaded => !loaded);
        }

        // Drain: the faults stop, time moves past every lease, and clean cycles run until every task's last
        // notification is its status at the service and nothing is pending.
        Volatile.Write(ref faultsOn, false);
        snsFaults.Enabled = false;
        bus.Enabled = false;
        emulator.Control.ClearFaults();
        // A run that does not settle is still judged: the oracle names what the notifier never caught up with.
        var drain = 0;
        var settled = false;
        Dictionary<string, string> finals;
        do
        {
            time.Advance(new PollCycleOptions().PublishLease + TimeSpan.FromSeconds(1));
            drain++;
            await RunCycleAsync(new SimulatedProcess(++cycles, CrashPoint.None, 0, ledger), store, source, channels, options, cancellationToken);
            finals = tracked.ToDictionary(id => id, id => emulator.Control.GetTask(id)?.Status ?? NeptuneTaskStatus.Gone.Value, StringComparer.Ordinal);
            settled = await SettledAsync(setupStore, finals, cancellationToken);
        }
        while (!settled && drain < 50);

        var verdict = DeliveryOracle.Judge(ledger, finals, settings.FifoTopic, history);
        return new RunFigures(
            settings, cycles, rounds, overlapping, maxOverlap, couldNotLoad, drain, tracked.Count, ledger.Observations.Count, steering,
            ledger.Faults, ledger.Crashes.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal), verdict, wall.Elapsed)
        {
            UnconfirmedByChannel = ledger.UnconfirmedByChannel,
            OutageRounds = outageRounds,
            HistoryExports = history.Count,
            QuickFailures = quickFailureCount,
            Discovered = Volatile.Read(ref discovered),
            Recorded = Volatile.Read(ref recorded),
            DiscoveryReads = ledger.DiscoveryReads,
            DiscoveryStoreFailures = ledger.DiscoveryFailures,
            ListingPages = Volatile.Read(ref listingPages),
            Confirmed = Volatile.Read(ref confirmed),
            ListingLags = listingLags,
            ListingOmissions = listingOmissions,
            Settled = settled,
        };
    }

    private static async Task<bool> SettledAsync(ITaskStateStore store, Dictionary<string, string> finals, CancellationToken cancellationToken)
    {
        foreach (var (taskId, status) in finals)
        {
            var task = await store.GetAsync(taskId, cancellationToken);
            if (task is null || task.Pending is not null || task.Status?.Value != status)
            {
                return false;
            }
        }

        return true;
    }

    private SimulatedProcess NewProcess()
    {
        // Crashing processes take the crash points in turn and die at the first call reaching theirs, so a short run
        // reaches every one of them; which task that is depends on the concurrent work of the cycle. The discovery run
        // is shorter and many of its cycles make no claim, and a two-channel run has two more points that only a cycle
        // delivering a transition reaches: there a crashing process takes the first point no process has died at yet
        // (overlapping ones may share it), and the rotation only once every point has been reached.
        var crash = random.NextDouble() < settings.CrashRate;
        var notReached = settings.Discovery || settings.EventBus ? crashPoints.Where(p => !ledger.Crashes.ContainsKey(p)).ToList() : [];
        return new SimulatedProcess(
            ++cycles,
            !crash ? CrashPoint.None : notReached.Count > 0 ? notReached[0] : crashPoints[crashes++ % crashPoints.Length],
            crash ? 1 : 0,
            ledger);
    }

    // False when the cycle could not even load its tasks (the store failed after the SDK's retries).
    private async Task<bool> RunCycleAsync(SimulatedProcess process, ITaskStateStore store, IExportTaskSource source, IReadOnlyList<DeliveryChannel> channels, PollCycleOptions options, CancellationToken cancellationToken)
    {
        using var unlimited = LocalCloud.Unlimited();
        var cycle = new PollCycle(
            new CrashingStore(store, process),
            new ObservingSource(source, process),
            [.. channels.Select(c => new DeliveryChannel(c.Name, new CrashingChannel(c.Name, c.Channel, process)))],
            options,
            time,
            NullLogger<PollCycle>.Instance,
            unlimited);
        try
        {
            var summary = await cycle.RunAsync(cancellationToken);
            Interlocked.Add(ref discovered, summary.Discovered);
            Interlocked.Add(ref recorded, summary.Recorded);
            Interlocked.Add(ref listingPages, summary.ListingPages);
            Interlocked.Add(ref confirmed, summary.Confirmed);
            return true;
        }
        catch (Exception exception) when (exception is AmazonServiceException or SimulatedCrashException)
        {
            return false;
        }
        finally
        {
            process.Settle();
        }
    }

    private bool Outage(string channel, double rate)
    {
        var down = random.NextDouble() < rate;
        if (down)
        {
            outageRounds[channel] = outageRounds.GetValueOrDefault(channel) + 1;
        }

        return down;
    }

    // Now and then a running task is failed, cancelled or deleted, so statuses change at random times. In a discovery
    // run only a task a poll has read: one deleted before discovery found it is no one's to report, and one that
    // finishes early is the notifier's to report only once it follows the graph.
    private void Steer(EmulatorControl control)
    {
        foreach (var taskId in slots.Values.Select(s => s.TaskId).ToList())
        {
            if (control.GetTask(taskId) is not { } task || IsFinal(task.Status) || task.Status == "CANCELLING"
                || (settings.Discovery && !ledger.WasPolled(taskId)) || random.NextDouble() >= 0.04)
            {
                continue;
            }

            steering++;
            switch (random.Next(3))
            {
                case 0:
                    control.ScriptFailure(taskId, Math.Min(99, task.ProgressPercentage + random.Next(1, 50)), "Simulated failure: access denied writing to the destination.");
                    break;
                case 1:
                    control.SetNextStatus(taskId, "CANCELLING");
                    break;
                default:
                    control.DeleteTask(taskId);
                    break;
            }
        }
    }

    // The listings disagree with the reads now and then: a graph's listing starts (or stops) lagging behind by up to a
    // minute, or a running task is left out of the next one to three listings that would carry it. Both stay on through
    // the drain, which moves the clock past any lag, so the run shows that the reads catch up.
    private void MisleadListings(EmulatorControl control, IReadOnlyList<ScenarioGraph> graphs)
    {
        if (listingQuirks.NextDouble() < 0.2)
        {
            control.SetGraphListingLag(graphs[listingQuirks.Next(graphs.Count)].Id, TimeSpan.FromSeconds(listingQuirks.Next(0, 61)));
            listingLags++;
        }

        var running = slots.Values.Where(s => control.GetTask(s.TaskId) is { } task && !IsFinal(task.Status)).ToList();
        if (running.Count > 0 && listingQuirks.NextDouble() < 0.2)
        {
            control.OmitFromListing(running[listingQuirks.Next(running.Count)].TaskId, listingQuirks.Next(1, 4));
            listingOmissions++;
        }
    }

    // A graph whose task finished starts another one, so a long run keeps producing transitions. In a discovery run a
    // quarter of them fail at once, so discovery first lists them finished: news (they finished after the graph was
    // followed), which must be notified and not taken for history.
    private async Task ReplaceFinishedAsync(EmulatorControl control, NeptuneGraphClient neptune, ITaskStateStore store, CancellationToken cancellationToken)
    {
        foreach (var (slot, (graphId, taskId)) in slots.ToList())
        {
            if (control.GetTask(taskId) is { } task && !IsFinal(task.Status) || random.NextDouble() >= 0.3)
            {
                continue;
            }

            var started = await StartExportAsync(neptune, graphId, cancellationToken);
            if (settings.Discovery && quickFailures.NextDouble() < 0.25)
            {
                control.SetNextStatus(started, "FAILED", "Simulated failure: the role cannot write to the destination.");
                quickFailureCount++;
            }

            await TrackAsync(store, slot, started, graphId, cancellationToken);
        }
    }

    private static async Task<string> StartExportAsync(NeptuneGraphClient neptune, string graphId, CancellationToken cancellationToken)
    {
        var started = await neptune.StartExportTaskAsync(new StartExportTaskRequest
        {
            GraphIdentifier = graphId,
            RoleArn = TestAccount.RoleArn,
            Format = NeptuneNotifier.Aws.NeptuneGraph.ExportFormat.Parquet,
            ParquetType = ParquetType.Columnar,
            Destination = $"s3://reliability-exports/{graphId}/",
            KmsKeyIdentifier = TestAccount.KmsKeyArn,
        }, cancellationToken);
        return started.Task.TaskId;
    }

    // The run's own record of the exports it started (the oracle's truth); in a discovery run the store learns of
    // them only through the cycles' discovery.
    private async Task TrackAsync(ITaskStateStore store, int slot, string taskId, string graphId, CancellationToken cancellationToken)
    {
        if (!settings.Discovery)
        {
            await store.TrackAsync([new TaskToTrack(taskId, graphId)], time.GetUtcNow(), cancellationToken);
        }

        slots[slot] = (graphId, taskId);
        tracked.Add(taskId);
    }

    private static bool IsFinal(string status) => new NeptuneTaskStatus(status).IsTerminal;

    private string NewTaskId() => "t-" + new string([.. Enumerable.Range(0, 10).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)])]);
}
