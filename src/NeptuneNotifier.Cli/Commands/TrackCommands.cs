using NeptuneNotifier.Core.Polling;

namespace NeptuneNotifier.Cli.Commands;

/// <summary><c>track</c> and <c>untrack</c>.</summary>
internal static class TrackCommands
{
    public static Command Track(CliContext context) => CliApp.WithBody(
        new Command("track", "Follow export or import tasks: each is looked up in Neptune Analytics first (as an export, then as an import), then stored as tracked with its kind.") { CliOptions.TaskIds },
        context,
        TrackAsync);

    public static Command Untrack(CliContext context) => CliApp.WithBody(
        new Command("untrack", "Stop following tasks; no further notifications are sent for them.") { CliOptions.TaskIds },
        context,
        UntrackAsync);

    private static async Task<int> TrackAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var ids = ValidTaskIds(parse);
        await using var backend = await Backend.OpenAsync(parse, context, BackendNeeds.Source, cancellationToken);
        List<TaskToTrack> found = [];
        var missing = 0;
        foreach (var id in ids)
        {
            try
            {
                var task = await TaskReads.ReadAsync(backend.Source!, id, kind: null, cancellationToken);
                found.Add(new TaskToTrack(id, task.GraphId.Length > 0 ? task.GraphId : null, task.Kind));
                var (operation, direction) = task.Kind == TaskKind.Import ? ("import into", "from") : ("export of", "to");
                context.Console.MarkupLineInterpolated(
                    $"[bold]{id}[/]: {operation} graph {task.GraphId}, {task.Status.Value}{Progress(task)}, {task.Format ?? "?"} {direction} {task.Destination ?? "?"}");
            }
            catch (TaskNotFoundException)
            {
                missing++;
                context.Error.WriteLine($"{id}: Neptune Analytics has neither an export task nor an import task with this ID in {backend.Region}; not tracked.");
            }
        }

        var added = await backend.Store.TrackAsync(found, context.TimeProvider.GetUtcNow(), cancellationToken);
        foreach (var task in found)
        {
            context.Console.WriteLine(added.Contains(task.TaskId, StringComparer.Ordinal)
                ? $"{task.TaskId}: now tracked in {backend.StoreDescription}"
                : $"{task.TaskId}: already tracked");
        }

        return missing == 0 ? 0 : 1;
    }

    private static async Task<int> UntrackAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var ids = ValidTaskIds(parse);
        Backend.RequireExistingState(parse);
        await using var backend = await Backend.OpenAsync(parse, context, BackendNeeds.Store, cancellationToken);
        var missing = 0;
        foreach (var id in ids)
        {
            if (await backend.Store.UntrackAsync(id, cancellationToken))
            {
                context.Console.WriteLine($"{id}: no longer tracked");
            }
            else
            {
                missing++;
                context.Error.WriteLine($"{id}: was not tracked");
            }
        }

        return missing == 0 ? 0 : 1;
    }

    internal static IReadOnlyList<string> ValidTaskIds(ParseResult parse)
    {
        var ids = parse.GetValue(CliOptions.TaskIds) ?? [];
        var bad = ids.Where(id => !TaskIds.IsTaskId(id)).ToList();
        return bad.Count == 0
            ? [.. ids.Distinct(StringComparer.Ordinal)]
            : throw new CliUsageException($"Not a task ID: {string.Join(", ", bad.Select(id => $"'{id}'"))}. Task IDs are {TaskIds.TaskIdRule}, for example t-abc123def4.");
    }

    internal static string Progress(TaskSnapshot task) => task.ProgressPercentage is { } percent ? $" {percent}%" : string.Empty;
}
