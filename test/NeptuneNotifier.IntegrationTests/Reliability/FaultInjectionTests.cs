namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// Seeded fault-injection runs of the whole notifier. The normal test run does a short run per topic kind; a longer
/// one is asked for with NEPTUNE_NOTIFIER_RELIABILITY_SEED / _CYCLES / _TASKS (and _FIGURES to write the figures).
/// </summary>
public sealed class FaultInjectionTests(DynaliteFixture dynalite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_FifoTopicUnderEveryFault_EveryTransitionInOrderDuplicatesOnlyPastTheDeduplicationWindow()
    {
        var figures = await RunAsync(new ReliabilitySettings { FifoTopic = true }, seedOffset: 0, "fifo");

        ShouldKeepThePromiseUnderEveryFault(figures);
        // SNS deduplicates for five minutes only: a republish later than that (a failed clear, then failed republishes
        // extending the lease) reaches FIFO subscribers again. Counted, and bounded by the publishes not cleared.
        figures.Verdict.DuplicatesPastFifoWindow.ShouldBe(figures.Verdict.DuplicatesDelivered, Summary(figures));
    }

    [Fact]
    public async Task Run_StandardTopicAndEventBusUnderEveryFault_EachChannelGetsEveryTransitionAndRepeatsOnlyItsOwnUnconfirmedDeliveries()
    {
        var figures = await RunAsync(new ReliabilitySettings { FifoTopic = false, EventBus = true }, seedOffset: 1, "standard");

        var summary = Summary(figures);
        // The oracle judges each channel alone: no loss, no gap, order per task, and a repeat on a channel only after a
        // delivery on that same channel went unconfirmed, never because the other channel failed.
        ShouldKeepThePromiseUnderEveryFault(figures);
        var (sns, bus) = (figures.Verdict.Channels[DeliveryChannel.Sns], figures.Verdict.Channels[DeliveryChannel.EventBridge]);
        bus.Transitions.ShouldBe(sns.Transitions, summary);
        figures.OutageRounds.Keys.ShouldBe([DeliveryChannel.EventBridge, DeliveryChannel.Sns], ignoreOrder: true, summary);
        figures.Faults.Keys.ShouldContain("sns Publish 500 InternalError (outage)", summary);
        figures.Faults.Keys.ShouldContain("eventbridge PutEvents 500 InternalException (outage)", summary);
        figures.Faults.Keys.ShouldContain("eventbridge PutEvents 200 with the entry failed (ThrottlingException)", summary);
        figures.Faults.Keys.ShouldContain("eventbridge PutEvents connection dropped (not put)", summary);
        figures.Faults.Keys.ShouldContain("eventbridge PutEvents answer lost (put, connection dropped)", summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.BeforeRecord), summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.AfterRecord), summary);
    }

    [Fact]
    public async Task Run_DiscoveryUnderEveryFault_HistoryNeverPublishedAndNewExportsNotifiedWithoutLoss()
    {
        // Smaller than the other runs: discovery lists every graph one after another in each cycle and each listing
        // fault waits for the SDK's back-off, so 12 graphs and 120 cycles take about three times as long.
        var figures = await RunAsync(new ReliabilitySettings { FifoTopic = false, Discovery = true, Cycles = 80, Tasks = 6 }, seedOffset: 2, "discovery");

        var summary = Summary(figures);
        ShouldKeepThePromiseUnderEveryFault(figures);
        figures.Verdict.HistoryPublished.ShouldBe(0, summary);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("neptune ListExportTasks 429", StringComparison.Ordinal), summary);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("neptune ListExportTasks 500", StringComparison.Ordinal), summary);
        figures.DiscoveryStoreFailures.Values.Sum().ShouldBeGreaterThan(0, summary);
        figures.HistoryExports.ShouldBeGreaterThan(0, summary);
        figures.Recorded.ShouldBeGreaterThan(0, summary);
        // Exports listed already finished but started after the graph was followed: the oracle demands their notification.
        figures.QuickFailures.ShouldBeGreaterThan(0, summary);
        // The run tracks nothing itself, so every export it started reached the store (the drain settled) through discovery.
        figures.Discovered.ShouldBeGreaterThan(0, summary);
    }

    [Fact]
    public async Task Run_ListThenGetUnderEveryFaultAndMisleadingListings_NothingLostAndDuplicatesOnlyAfterPublishWithoutClear()
    {
        // POLL_STRATEGY=list over three graphs with 120 past exports each (two pages a listing), their listings throttled,
        // failing, lagging and leaving tasks out: the listing is only ever a hint, so the promise is the standard run's.
        var figures = await RunAsync(new ReliabilitySettings { FifoTopic = false, ListThenGet = true }, seedOffset: 3, "listthenget");

        var summary = Summary(figures);
        ShouldKeepThePromiseUnderEveryFault(figures);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("neptune ListExportTasks 429", StringComparison.Ordinal), summary);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("neptune ListExportTasks 500", StringComparison.Ordinal), summary);
        (figures.ListingLags, figures.ListingOmissions).ShouldSatisfyAllConditions(q => q.ListingLags.ShouldBeGreaterThan(0, summary), q => q.ListingOmissions.ShouldBeGreaterThan(0, summary));
        figures.Confirmed.ShouldBeGreaterThan(0, "the listings confirmed tasks, sparing their reads: " + summary);
    }

    internal static string Summary(RunFigures figures) => JsonSerializer.Serialize(Describe(figures), Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Runs <paramref name="defaults"/> as the <c>NEPTUNE_NOTIFIER_RELIABILITY_*</c> variables adjust them, on the seed
    /// moved by <paramref name="seedOffset"/> so that the runs of one test run do not all share one sequence of faults.
    /// </summary>
    private async Task<RunFigures> RunAsync(ReliabilitySettings defaults, int seedOffset, string label)
    {
        var settings = ReliabilitySettings.FromEnvironment(defaults);
        settings = settings with { Seed = settings.Seed + seedOffset };
        // Bounded: a generous budget per cycle, so a hang fails the test instead of stalling the run.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(Token);
        budget.CancelAfter(TimeSpan.FromSeconds(60 + (settings.Cycles * 3)));
        RunFigures figures;
        try
        {
            figures = await new FaultInjectionRun(settings, dynalite.Endpoint).RunAsync(budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !Token.IsCancellationRequested)
        {
            throw new TimeoutException($"The {label} run (seed {settings.Seed}, {settings.Cycles} cycles, {settings.Tasks} tasks) exceeded its time budget.");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{label}: {Summary(figures)}");
        if (settings.FiguresFile is { } file)
        {
            var path = Path.GetFullPath(file.Replace("{label}", label, StringComparison.Ordinal), Repository.Root);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Summary(figures) + "\n", Token);
        }

        return figures;
    }

    // The promise of every run: the oracle finds nothing wrong, nothing is lost, and a message is repeated only after a
    // publish that went unconfirmed (not cleared). The run proves it only if every kind of fault really happened.
    private static void ShouldKeepThePromiseUnderEveryFault(RunFigures figures)
    {
        var summary = Summary(figures);
        figures.Verdict.Violations.ShouldBeEmpty(summary);
        figures.Verdict.Losses.ShouldBe(0, summary);
        figures.Verdict.DuplicatesDelivered.ShouldBeLessThanOrEqualTo(figures.PublishedButNotCleared, summary);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("neptune GetExportTask 429", StringComparison.Ordinal), summary);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("neptune GetExportTask 500", StringComparison.Ordinal), summary);
        figures.Faults.Keys.ShouldContain("sns Publish 429 Throttled", summary);
        figures.Faults.Keys.ShouldContain("sns Publish 500 InternalError", summary);
        figures.Faults.Keys.ShouldContain(k => k.StartsWith("dynamodb UpdateItem", StringComparison.Ordinal), summary);
        figures.Faults.Keys.ShouldContain(k => k.EndsWith("after applying", StringComparison.Ordinal), summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.BeforeClaim), summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.AfterClaim), summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.AfterPublish), summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.BeforeClear), summary);
        figures.Crashes.Keys.ShouldContain(nameof(CrashPoint.AfterClear), summary);
        figures.Settled.ShouldBeTrue("the drain's clean cycles never caught up with the service: " + summary);
        figures.OverlappingRounds.ShouldBeGreaterThan(0, summary);
        figures.Verdict.Transitions.ShouldBeGreaterThan(figures.TasksTracked, summary);
    }

    private static object Describe(RunFigures f) => new
    {
        f.Settings.Seed,
        f.Settings.Cycles,
        f.Settings.Tasks,
        topic = f.Settings.FifoTopic ? "fifo" : "standard",
        f.Settings.EventBus,
        f.Settings.Discovery,
        f.Settings.ListThenGet,
        f.Settled,
        rates = new
        {
            f.Settings.NeptuneThrottleRate,
            f.Settings.NeptuneInternalErrorRate,
            f.Settings.SnsThrottleRate,
            f.Settings.SnsInternalErrorRate,
            f.Settings.DynamoDbErrorRate,
            f.Settings.DynamoDbLostResponseRate,
            f.Settings.BusOutageRate,
            f.Settings.SnsOutageRate,
            f.Settings.BusFailedEntryRate,
            f.Settings.BusDroppedConnectionRate,
            f.Settings.BusLostAnswerRate,
            f.Settings.CrashRate,
            f.Settings.OverlapRate,
            f.Settings.SdkRetries,
        },
        cyclesRun = f.Cycles,
        f.Rounds,
        f.OverlappingRounds,
        f.MaxOverlap,
        f.CyclesThatCouldNotLoad,
        f.DrainCycles,
        f.TasksTracked,
        f.HistoryExports,
        f.Discovered,
        f.QuickFailures,
        recordedAsHistory = f.Recorded,
        historyPublished = f.Verdict.HistoryPublished,
        discoveryReads = f.DiscoveryReads,
        discoveryStoreFailures = f.DiscoveryStoreFailures,
        listingPages = f.ListingPages,
        confirmedByListing = f.Confirmed,
        f.ListingLags,
        f.ListingOmissions,
        statusReads = f.Observations,
        f.SteeringActions,
        transitions = f.Verdict.Transitions,
        messagesAccepted = f.Verdict.MessagesAccepted,
        faults = f.Faults,
        faultsTotal = f.Faults.Values.Sum(),
        crashes = f.Crashes,
        crashesTotal = f.Crashes.Values.Sum(),
        publishedButNotCleared = f.PublishedButNotCleared,
        unconfirmedByChannel = f.UnconfirmedByChannel,
        outageRounds = f.OutageRounds,
        channels = f.Verdict.Channels.Values.Select(c => new { c.Channel, c.Transitions, c.MessagesAccepted, c.DuplicatesDelivered, c.Losses }),
        duplicatesDelivered = f.Verdict.DuplicatesDelivered,
        suppressedByFifoDeduplication = f.Verdict.SuppressedByFifoDeduplication,
        duplicatesPastFifoWindow = f.Verdict.DuplicatesPastFifoWindow,
        fifoRepublishMinutes = f.Verdict.FifoRepublishMinutes,
        losses = f.Verdict.Losses,
        intermediateStatusesSkipped = f.Verdict.IntermediateStatusesSkipped,
        violations = f.Verdict.Violations,
        wallClockSeconds = Math.Round(f.WallClock.TotalSeconds, 1),
    };
}
