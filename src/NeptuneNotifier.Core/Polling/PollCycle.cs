using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// One poll: republish what earlier cycles claimed but did not confirm, follow new export tasks of the configured
/// graphs, learn the status of every active task (from its graph's listing where that costs fewer calls, else with
/// GetExportTask; bounded concurrency, client-side rate limit), and claim, publish and confirm every transition,
/// read with GetExportTask, exactly once. When the cancellation token fires it starts nothing new and returns what it finished;
/// tasks it did not finish come first next time.
/// </summary>
/// <remarks>
/// The cycle runs its phases in order (<see cref="OutboxTakeover"/>, <see cref="GraphDiscovery"/>,
/// <see cref="TaskPoller"/>, the last two handing every claimed notification to <see cref="NotificationDelivery"/>),
/// each returning one <see cref="StepOutcome"/> per task, and <see cref="GraphListings"/> one per listing page; the
/// summary counts them.
/// </remarks>
public sealed class PollCycle
{
    /// <summary>The longest status reason stored; the service's reasons are short, this only bounds the state item.</summary>
    public const int MaxStoredReasonChars = TaskReads.MaxStoredReasonChars;

    // The resume-point write, after the deliveries in flight have finished, gets this deadline of its own.
    private static readonly TimeSpan ResumePointTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <see cref="RunAsync"/> may still run after its token fires: the deliveries in flight finish
    /// (<see cref="NotificationDelivery.FinishGrace"/>), then the resume point is written. A caller that must answer by a
    /// hard deadline fires the token at least this much before it.
    /// </summary>
    public static TimeSpan FinishTimeout { get; } = NotificationDelivery.FinishGrace + ResumePointTimeout;

    // The summary's log line, written from the figures every report of a cycle shares.
    private static readonly string FinishedTemplate = "Poll cycle finished: " + string.Join(", ", PollCycleSummary.Figures.Select(figure => figure.Unit switch
    {
        FigureUnit.Count => $"{{{figure.Name}}} {figure.Label}",
        FigureUnit.Flag => $"{figure.Label} {{{figure.Name}}}",
        _ => $"in {{{figure.Name}}} {figure.Label}",
    }));

    private readonly ITaskRegistry registry;
    private readonly IExportTaskSource source;
    private readonly PollCycleOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<PollCycle> logger;
    private readonly RateLimiter? rateLimiter;
    private readonly OutboxTakeover takeover;
    private readonly GraphDiscovery discovery;
    private readonly TaskPoller poller;

    /// <summary>Creates a cycle over the store, the source and the channels notifications go to.</summary>
    /// <remarks>
    /// The rate limiter gates every call to the source; without one, each run creates a <see cref="RequestRateLimiter"/> from the options.
    /// Every notification goes to every channel, in the order given; each channel's delivery is recorded under its name.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid (the message names every invalid option), or there is no channel, or two share a name.</exception>
    public PollCycle(
        ITaskStateStore store,
        IExportTaskSource source,
        IReadOnlyList<DeliveryChannel> channels,
        PollCycleOptions options,
        TimeProvider timeProvider,
        ILogger<PollCycle> logger,
        RateLimiter? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        registry = store ?? throw new ArgumentNullException(nameof(store));
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.options = options;
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.rateLimiter = rateLimiter;
        var delivery = new NotificationDelivery(channels, store, options.Retention, timeProvider, logger);
        takeover = new OutboxTakeover(store, delivery, options, timeProvider, logger);
        discovery = new GraphDiscovery(store, source, options, timeProvider, logger);
        var alerts = new AlertStep(new Alerts.AlertRules(options.Alerts), store, delivery, options, logger);
        poller = new TaskPoller(source, delivery, alerts, options, timeProvider, logger);
    }

    /// <summary>Runs one cycle. Returns normally when <paramref name="cancellationToken"/> fires, with <see cref="PollCycleSummary.CutShort"/> set.</summary>
    /// <exception cref="Exception">Only when the state store cannot be read at all; every per-task failure is counted instead.</exception>
    public async Task<PollCycleSummary> RunAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        ActiveTasks active;
        try
        {
            active = await registry.LoadActiveAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Poll cycle stopped before the tracked tasks were loaded");
            return PollCycleSummary.From([], cutShort: true, timeProvider.GetElapsedTime(started));
        }

        var tasks = (active.Tasks ?? []).ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        logger.LogInformation("Poll cycle started with {ActiveCount} active tasks (dry run: {DryRun})", tasks.Count, options.DryRun);

        List<StepOutcome> outcomes = [];
        foreach (var problem in active.Unreadable ?? [])
        {
            // Left alone, counted as a failure every cycle (the Failures metric), so the item gets repaired or untracked.
            logger.LogError("{Problem} The task is left alone until its item is repaired or the task is untracked.", problem);
            outcomes.Add(StepOutcome.Failed);
        }

        PollResult polled;
        var ownedLimiter = rateLimiter is null ? new RequestRateLimiter(options, timeProvider) : null;
        try
        {
            var limiter = rateLimiter ?? ownedLimiter!;

            // One walk per graph and cycle, whoever asks first: discovery, then the poll reuses it.
            var listings = new GraphListings(source, registry, active.ListingPages ?? new Dictionary<string, int>(), options, timeProvider, logger);
            outcomes.AddRange(await takeover.RunAsync(tasks, cancellationToken));
            outcomes.AddRange(await discovery.DiscoverAsync(tasks, limiter, listings, cancellationToken));
            polled = await poller.RunAsync(tasks.Values, active.ResumeFrom, limiter, listings, cancellationToken);
            outcomes.AddRange(polled.Outcomes);
            outcomes.AddRange(listings.Outcomes);
        }
        finally
        {
            ownedLimiter?.Dispose();
        }

        // The cycle's own token has usually fired by now; this one short write gets its own deadline.
        using (var finish = new CancellationTokenSource(ResumePointTimeout, timeProvider))
        {
            await SaveResumePointAsync(polled.ResumeFrom, active.ResumeFrom, finish.Token);
        }

        var summary = PollCycleSummary.From(outcomes, polled.CutShort, timeProvider.GetElapsedTime(started));
        LogFinished(summary);
        return summary;
    }

    private async Task SaveResumePointAsync(string? resumeFrom, string? stored, CancellationToken cancellationToken)
    {
        if (options.DryRun || string.Equals(resumeFrom, stored, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await registry.SetResumePointAsync(resumeFrom, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Saving the resume point {ResumeFrom} failed; the next cycle starts from the first task", resumeFrom);
        }
    }

    private void LogFinished(PollCycleSummary summary)
    {
        object[] values = [.. PollCycleSummary.Figures.Select(figure => LogValue(figure.Unit, figure.Value(summary)))];
#pragma warning disable CA2254 // Built once from the figures, the template is the same for every call.
        logger.LogInformation(FinishedTemplate, values);
#pragma warning restore CA2254
    }

    private static object LogValue(FigureUnit unit, double value) => unit switch
    {
        FigureUnit.Count => (int)value,
        FigureUnit.Flag => value != 0,
        _ => (long)value,
    };
}
