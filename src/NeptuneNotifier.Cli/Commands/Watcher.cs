using Microsoft.Extensions.Logging;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Polling;

namespace NeptuneNotifier.Cli.Commands;

/// <summary>Runs cycles over a backend and shows what happens: notifications as they go out (in a dry run, those it would send), progress after each cycle.</summary>
internal sealed class Watcher
{
    private readonly CliContext context;
    private readonly Backend backend;
    private readonly ObservingSource source;
    private readonly PollCycle cycle;
    private readonly ILogger logger;
    private readonly DryRunPreview? preview;

    /// <param name="context">The CLI's console, clock and logging.</param>
    /// <param name="backend">The store, source and channel.</param>
    /// <param name="dryRun">Publish and write nothing.</param>
    /// <param name="showsProgress">
    /// True when progress is shown after each cycle: every task is then read with GetExportTask, since a listing carries
    /// a task's status but not its progress or counts.
    /// </param>
    public Watcher(CliContext context, Backend backend, bool dryRun, bool showsProgress)
    {
        this.context = context;
        this.backend = backend;
        logger = context.LoggerFactory.CreateLogger<Watcher>();
        source = new ObservingSource(backend.Source!, context.TimeProvider);
        preview = dryRun ? new DryRunPreview(new AlertRules(backend.Cycle.Alerts)) : null;
        cycle = new PollCycle(
            backend.Store,
            source,
            [.. backend.Channels.Select(c => new DeliveryChannel(c.Channel.Name, new ReportingChannel(c.Channel.Channel, (pending, id) => Print(pending, id, c.Description))))],
            backend.Cycle with { DryRun = dryRun, Strategy = showsProgress ? PollStrategy.Get : backend.Cycle.Strategy },
            context.TimeProvider,
            context.LoggerFactory.CreateLogger<PollCycle>());
    }

    // How often a running cycle says how far it has come.
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>The latest snapshot read of a task in any cycle, or null.</summary>
    public TaskSnapshot? Latest(string taskId) => source.Latest.GetValueOrDefault(taskId);

    /// <summary>Every notification printed so far, in order.</summary>
    public List<RenderedNotification> Notifications { get; } = [];

    public async Task<PollCycleSummary> RunCycleAsync(CancellationToken cancellationToken)
    {
        // A dry run's transitions and alerts are told from the tasks as stored before the cycle and what it read.
        var before = preview is null ? [] : (await backend.Store.LoadActiveAsync(cancellationToken)).Tasks ?? [];
        source.StartCycle();
        PollCycleSummary summary;
        using (var finished = new CancellationTokenSource())
        {
            var heartbeat = SayHowFarAsync(finished.Token);
            try
            {
                summary = await cycle.RunAsync(cancellationToken);
            }
            finally
            {
                await finished.CancelAsync();
                await heartbeat;
            }
        }

        foreach (var line in preview?.Lines(before, source.CycleReads) ?? [])
        {
            context.Console.MarkupLineInterpolated($"[yellow]{line}[/]");
        }

        context.Console.MarkupLine("[bold]Cycle[/]: " + Markup.Escape(Describe(summary, context.Console.Profile.Width - "Cycle: ".Length)));
        return summary;
    }

    /// <summary>
    /// The summary in one line, figure by figure: "3 checked, 1 changed, ... in 0.2s (cut short)". Where that line is
    /// wider than <paramref name="width"/> (an 80-column terminal; a pipe has no width), the figures that are 0 are left
    /// out but for <c>checked</c>: "3 checked, 1 changed, 1 published in 0.2s".
    /// </summary>
    internal static string Describe(PollCycleSummary summary, int width = int.MaxValue)
    {
        var line = Describe(summary, everyCount: true);
        return line.Length <= width ? line : Describe(summary, everyCount: false);
    }

    private static string Describe(PollCycleSummary summary, bool everyCount)
    {
        var figures = PollCycleSummary.Figures;
        var counts = figures
            .Where(f => f.Unit == FigureUnit.Count && (everyCount || f.Name == nameof(PollCycleSummary.Checked) || f.Value(summary) != 0))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Value(summary)} {f.Label}"));
        var seconds = figures.Where(f => f.Unit == FigureUnit.Milliseconds).Select(f => string.Create(CultureInfo.InvariantCulture, $" in {f.Value(summary) / 1000:F1}s"));
        var flags = figures.Where(f => f.Unit == FigureUnit.Flag && f.Value(summary) != 0).Select(f => $" ({f.Label})");
        return string.Join(", ", counts) + string.Concat(seconds) + string.Concat(flags);
    }

    /// <summary>
    /// Runs a cycle, shows progress, waits, and again, until <paramref name="stop"/> fires (the current cycle still
    /// finishes) or, with <paramref name="untilIdle"/>, until no task is active any more. A failure of the first cycle
    /// ends the watch (a wrong table or file shows at once); a later cycle or progress view that fails (the store
    /// unreachable or locked for a while) is logged as a warning and tried again after the interval.
    /// </summary>
    public async Task WatchAsync(TimeSpan interval, bool untilIdle, CancellationToken stop, Func<Watcher, CancellationToken, Task>? afterCycle = null)
    {
        var succeeded = false;
        while (true)
        {
            // A stop request lets the running cycle finish: it is not given the stop token.
            var step = "The poll cycle";
            int? active = null;
            try
            {
                await RunCycleAsync(CancellationToken.None);
                step = "Showing the progress of the active tasks";
                active = await ShowProgressAsync(CancellationToken.None);
                succeeded = true;
            }
            catch (Exception exception) when (succeeded)
            {
                logger.LogWarning(exception, "{Step} failed; the watch tries again in {Interval}", step, interval);
            }

            if (active is not null && afterCycle is not null)
            {
                await afterCycle(this, CancellationToken.None);
            }

            if (stop.IsCancellationRequested || (untilIdle && active == 0))
            {
                return;
            }

            try
            {
                await Task.Delay(interval, context.TimeProvider, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> ShowProgressAsync(CancellationToken cancellationToken)
    {
        var active = (await backend.Store.LoadActiveAsync(cancellationToken)).Tasks ?? [];
        foreach (var task in active.OrderBy(t => t.TaskId, StringComparer.Ordinal))
        {
            var latest = source.Latest.GetValueOrDefault(task.TaskId) ?? task.Snapshot;
            if (latest is null || latest.Status.IsTerminal)
            {
                continue;
            }

            var percent = Math.Clamp(latest.ProgressPercentage ?? 0, 0, 100);
            var figures = $"{percent,3}% {latest.Status.Value,-12} {ListCommand.Written(latest)}";
            var bar = Bar(percent, context.Console.Profile.Width - task.TaskId.Length - figures.Length - 5);
            context.Console.MarkupLineInterpolated($"  {task.TaskId} [blue]{bar}[/]{figures}");
        }

        return active.Count;
    }

    // A cycle over hundreds of tasks takes minutes at REQUESTS_PER_SECOND: every HeartbeatInterval it says on standard
    // error how far it has come, so that a quiet terminal is not taken for a hung one, and standard output stays as it was.
    private async Task SayHowFarAsync(CancellationToken finished)
    {
        var started = context.TimeProvider.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, context.TimeProvider, finished);
                await context.Error.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Still polling after {CliOptions.Duration(TimeSpan.FromSeconds(Math.Round(context.TimeProvider.GetElapsedTime(started).TotalSeconds)))}: {source.CycleReads.Count} tasks read and {source.CycleListingPages} listing pages so far, at most {backend.Cycle.RequestsPerSecond} calls a second (REQUESTS_PER_SECOND)."));
            }
        }
        catch (OperationCanceledException)
        {
            // The cycle has finished.
        }
        catch (IOException)
        {
            // Standard error has gone: the cycle goes on without its heartbeat.
        }
    }

    // Twenty cells, or as many as the line has room for in a narrower console (an 80-column terminal), so that each task
    // keeps to one line; none below five. Followed by its space.
    private static string Bar(int percent, int room)
    {
        var cells = Math.Min(room, 20);
        if (cells < 5)
        {
            return string.Empty;
        }

        var filled = percent * cells / 100;
        return new string('█', filled) + new string('░', cells - filled) + " ";
    }

    // A notification is shown once, with the event a bus gets when a channel puts one; then each channel's delivery.
    private void Print(PendingNotification pending, string deliveryId, string channel)
    {
        lock (Notifications)
        {
            if (!Notifications.Any(n => n.Identity.NotificationId == pending.NotificationId))
            {
                var notification = backend.Renderer!.Render(pending);
                Notifications.Add(notification);
                context.Console.Write(new Panel(new Text(notification.EmailText.TrimEnd()))
                    .Header(new PanelHeader($" {notification.Subject} ", Justify.Left))
                    .RoundedBorder());
                if (backend.EventEntries is { } entries)
                {
                    var entry = entries.Build(pending);
                    var resources = entry.Resources is { Count: > 0 } arns ? string.Join(", ", arns) : "none (no account known)";
                    context.Console.MarkupLineInterpolated($"[grey]event: source {entry.Source}, detail-type {entry.DetailType}, resources {resources}[/]");
                }
            }

            context.Console.MarkupLineInterpolated($"[grey]published as {deliveryId} to {channel}[/]");
        }
    }
}
