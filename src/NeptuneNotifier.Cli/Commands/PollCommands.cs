namespace NeptuneNotifier.Cli.Commands;

/// <summary><c>poll</c> (one cycle now) and <c>watch</c> (a cycle every interval until Ctrl+C).</summary>
internal static class PollCommands
{
    public static Command Poll(CliContext context) => CliApp.WithBody(
        new Command("poll", "Run one poll cycle now: learn every tracked task's status (listing graphs or reading tasks, as POLL_STRATEGY says), notify each change, print the summary. With --dry-run, print each notification it would send instead.")
        {
            CliOptions.DryRun,
        },
        context,
        PollAsync);

    public static Command Watch(CliContext context) => CliApp.WithStoppableBody(
        new Command(
            "watch",
            "Run a poll cycle every --interval with live progress; Ctrl+C or SIGTERM stops after the current cycle. Reads every task with GetExportTask " +
            "(as POLL_STRATEGY=get), whatever POLL_STRATEGY says: progress and counts come only with a task's own read, not with a listing.")
        {
            CliOptions.Interval,
            CliOptions.DryRun,
        },
        context,
        WatchAsync);

    private static async Task<int> PollAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        await using var backend = await Backend.OpenAsync(parse, context, BackendNeeds.Source | BackendNeeds.Channel, cancellationToken);
        var watcher = new Watcher(context, backend, parse.GetValue(CliOptions.DryRun), showsProgress: false);
        var summary = await watcher.RunCycleAsync(cancellationToken);
        return summary.Failed == 0 ? 0 : 1;
    }

    private static async Task<int> WatchAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var interval = parse.GetValue(CliOptions.Interval);
        await using var backend = await Backend.OpenAsync(parse, context, BackendNeeds.Source | BackendNeeds.Channel, cancellationToken);
        var watcher = new Watcher(context, backend, parse.GetValue(CliOptions.DryRun), showsProgress: true);
        context.Console.MarkupLineInterpolated($"Watching {backend.StoreDescription} every {CliOptions.Duration(interval)}; notifications go to {backend.ChannelDescription}. Ctrl+C stops after the current cycle.");
        await watcher.WatchAsync(interval, untilIdle: false, cancellationToken);
        return 0;
    }
}
