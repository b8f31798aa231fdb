using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeptuneNotifier.Cli.Commands;

/// <summary><c>list</c>: the active tracked tasks, as a table or JSON.</summary>
internal static class ListCommand
{
    private static readonly string[] Headers = ["Task", "Graph", "Kind", "Status", "Progress", "Written", "Last change (UTC)", "Pending"];

    public static Command Create(CliContext context) => CliApp.WithBody(
        new Command("list", "Show the tracked tasks that are still followed (not yet terminal, or with a notification waiting).") { CliOptions.Json },
        context,
        ListAsync);

    private static async Task<int> ListAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        Backend.RequireExistingState(parse);
        await using var backend = await Backend.OpenAsync(parse, context, BackendNeeds.ReadOnlyStore, cancellationToken);
        var active = await backend.Store.LoadActiveAsync(cancellationToken);
        var tasks = (active.Tasks ?? []).OrderBy(t => t.TrackedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();
        Print(context, backend, tasks, parse.GetValue(CliOptions.Json));

        // The others are listed; each item that cannot be read is named, and the exit code says the list is incomplete.
        var unreadable = active.Unreadable ?? [];
        foreach (var problem in unreadable)
        {
            await context.Error.WriteLineAsync($"error: {problem}");
        }

        return unreadable.Count == 0 ? 0 : 1;
    }

    private static void Print(CliContext context, Backend backend, List<TrackedTask> tasks, bool json)
    {
        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ToJson(tasks));
        }
        else if (tasks.Count == 0)
        {
            context.Console.MarkupLine($"No tasks are followed in {backend.StoreDescription.EscapeMarkup()}. Add one with [bold]neptune-notifier track t-...[/].");
        }
        else
        {
            Show(context.Console, tasks);
            context.Console.WriteLine($"{tasks.Count} task(s) in {backend.StoreDescription}");
        }
    }

    /// <summary>
    /// The tasks as a table when it fits the console's width, else (an 80-column terminal) as a few lines a task, each
    /// field whole: a table squeezed to the width breaks task IDs, statuses and figures across lines.
    /// </summary>
    internal static void Show(IAnsiConsole console, IReadOnlyList<TrackedTask> tasks)
    {
        var rows = tasks.Select(Cells).ToList();
        if (TableWidth(rows) <= console.Profile.Width)
        {
            var table = new Table().RoundedBorder().AddColumns(Headers);
            foreach (var row in rows)
            {
                table.AddRow(row);
            }

            console.Write(table);
            return;
        }

        // Task, status, progress, kind, graph and last change (ISO 8601, Z for UTC), each aligned; then, indented, what was
        // written and a notification still waiting. At most 78 columns but for the figures' line.
        int[] first = [0, 3, 4, 2, 1];
        var widths = first.Select(column => Widest(rows, column)).ToArray();
        foreach (var (row, task) in rows.Zip(tasks))
        {
            var fields = first.Select((column, i) => row[column] + new string(' ', widths[i] - Width(row[column])));
            var changed = task.ChangedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
            console.MarkupLine($"{string.Join("  ", fields)}  {changed}");
            console.MarkupLine(row[7] == "-" ? $"  {row[5]}" : $"  {row[5]}; pending {row[7]}");
        }
    }

    // One task's cells, in the order of Headers, as markup.
    private static string[] Cells(TrackedTask task)
    {
        var snapshot = task.Snapshot;
        return
        [
            task.TaskId.EscapeMarkup(),
            (snapshot?.GraphId ?? task.GraphId ?? "-").EscapeMarkup(),
            KindName(task),
            StatusMarkup(task.Status),
            snapshot?.ProgressPercentage is { } percent ? $"{percent}%" : "-",
            Written(snapshot),
            task.ChangedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
            task.Pending is { } pending ? $"{pending.Snapshot.Status.Value.EscapeMarkup()} (v{pending.Version})" : "-",
        ];
    }

    // A rounded table gives each column its widest cell, two spaces of padding and a border, and closes with one more.
    private static int TableWidth(IReadOnlyList<string[]> rows) =>
        Headers.Select((header, column) => Math.Max(header.Length, Widest(rows, column)) + 3).Sum() + 1;

    private static int Widest(IReadOnlyList<string[]> rows, int column) => rows.Max(row => Width(row[column]));

    // The columns a cell takes on screen: its text without the markup.
    private static int Width(string markup) => Markup.Remove(markup).Length;

    // A task tracked without its kind shows it once the first read has found it out.
    internal static string KindName(TrackedTask task) => task.KnownKind is { } kind ? TaskKinds.Name(kind) : "unknown";

    internal static string StatusMarkup(NeptuneTaskStatus? status) => status is not { } value
        ? "[grey]not seen yet[/]"
        : value.IsFailure ? $"[red]{value.Value.EscapeMarkup()}[/]"
        : value == NeptuneTaskStatus.Succeeded ? $"[green]{value.Value.EscapeMarkup()}[/]"
        : value.IsTerminal ? $"[yellow]{value.Value.EscapeMarkup()}[/]"
        : $"[blue]{value.Value.EscapeMarkup()}[/]";

    // An export writes vertices and edges; an import loads statements and may count errors. "-" until reported.
    internal static string Written(TaskSnapshot? snapshot) => snapshot switch
    {
        { Kind: TaskKind.Import, StatementCount: { } statements } =>
            $"{Count(statements)} statements" + (snapshot.ErrorCount is > 0 and var errors ? $", {Count(errors)} errors" : string.Empty),
        { Kind: TaskKind.Export, NumVerticesWritten: { } vertices } =>
            $"{Count(vertices)} vertices, {(snapshot.NumEdgesWritten is { } edges ? Count(edges) : "-")} edges",
        _ => "-",
    };

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string ToJson(IReadOnlyList<TrackedTask> tasks)
        => JsonSerializer.Serialize([.. tasks.Select(ListEntry.From)], ListJsonContext.Default.IReadOnlyListListEntry);
}

/// <summary>One task in <c>list --json</c>, a format scripts read: every member is written, null when unknown.</summary>
internal sealed record ListEntry(
    string TaskId,
    string? GraphId,
    string Kind,
    string? Status,
    string? StatusReason,
    int? ProgressPercentage,
    long? NumVerticesWritten,
    long? NumEdgesWritten,
    long? StatementCount,
    int? ErrorCount,
    string? Destination,
    long Version,
    DateTimeOffset TrackedAt,
    DateTimeOffset? ChangedAt,
    PendingEntry? Pending)
{
    public static ListEntry From(TrackedTask task)
    {
        var snapshot = task.Snapshot;
        return new(
            task.TaskId,
            snapshot?.GraphId ?? task.GraphId,
            ListCommand.KindName(task),
            task.Status?.Value,
            snapshot?.StatusReason,
            snapshot?.ProgressPercentage,
            snapshot?.NumVerticesWritten,
            snapshot?.NumEdgesWritten,
            snapshot?.StatementCount,
            snapshot?.ErrorCount,
            snapshot?.Destination,
            task.Version,
            task.TrackedAt,
            task.ChangedAt,
            task.Pending is { } pending ? new PendingEntry(pending.NotificationId, pending.Snapshot.Status.Value, pending.Version) : null);
    }
}

/// <summary>The notification a listed task still has to deliver.</summary>
internal sealed record PendingEntry(string NotificationId, string Status, long Version);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<ListEntry>))]
internal sealed partial class ListJsonContext : JsonSerializerContext;
