using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeptuneNotifier.Core;
using Spectre.Console;

namespace NeptuneNotifier.Cli.Commands;

/// <summary><c>list</c>: the active tracked tasks, as a table or JSON.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context) => CliApp.WithBody(
        new Command("list", "Show the tracked tasks that are still followed (not yet terminal, or with a notification waiting).") { CliOptions.Json },
        context,
        ListAsync);

    private static async Task<int> ListAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        await using var backend = await Backend.OpenAsync(parse, context, needsSource: false, needsChannel: false, cancellationToken);
        var active = await backend.Store.LoadActiveAsync(cancellationToken);
        var tasks = (active.Tasks ?? []).OrderBy(t => t.TrackedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();

        if (parse.GetValue(CliOptions.Json))
        {
            context.Console.Profile.Out.Writer.WriteLine(ToJson(tasks));
            return 0;
        }

        if (tasks.Count == 0)
        {
            context.Console.MarkupLine($"No tasks are followed in {backend.StoreDescription.EscapeMarkup()}. Add one with [bold]neptune-notifier track t-...[/].");
            return 0;
        }

        var table = new Table().RoundedBorder()
            .AddColumns("Task", "Graph", "Kind", "Status", "Progress", "Vertices", "Edges", "Last change (UTC)", "Pending");
        foreach (var task in tasks)
        {
            var snapshot = task.Snapshot;
            table.AddRow(
                task.TaskId,
                (snapshot?.GraphId ?? task.GraphId ?? "-").EscapeMarkup(),
                (snapshot?.Kind ?? TaskKind.Export).ToString().ToLowerInvariant(),
                StatusMarkup(task.Status),
                snapshot?.ProgressPercentage is { } percent ? $"{percent}%" : "-",
                Count(snapshot?.NumVerticesWritten),
                Count(snapshot?.NumEdgesWritten),
                task.ChangedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
                task.Pending is { } pending ? $"{pending.Snapshot.Status.Value.EscapeMarkup()} (v{pending.Version})" : "-");
        }

        context.Console.Write(table);
        context.Console.WriteLine($"{tasks.Count} task(s) in {backend.StoreDescription}");
        return 0;
    }

    internal static string StatusMarkup(NeptuneTaskStatus? status) => status is not { } value
        ? "[grey]not seen yet[/]"
        : value.IsFailure ? $"[red]{value.Value.EscapeMarkup()}[/]"
        : value == NeptuneTaskStatus.Succeeded ? $"[green]{value.Value.EscapeMarkup()}[/]"
        : value.IsTerminal ? $"[yellow]{value.Value.EscapeMarkup()}[/]"
        : $"[blue]{value.Value.EscapeMarkup()}[/]";

    private static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    internal static string ToJson(IReadOnlyList<TrackedTask> tasks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var task in tasks)
            {
                var snapshot = task.Snapshot;
                json.WriteStartObject();
                json.WriteString("taskId", task.TaskId);
                WriteOptional(json, "graphId", snapshot?.GraphId ?? task.GraphId);
                json.WriteString("kind", (snapshot?.Kind ?? TaskKind.Export).ToString().ToLowerInvariant());
                WriteOptional(json, "status", task.Status?.Value);
                WriteOptional(json, "statusReason", snapshot?.StatusReason);
                WriteOptional(json, "progressPercentage", snapshot?.ProgressPercentage);
                WriteOptional(json, "numVerticesWritten", snapshot?.NumVerticesWritten);
                WriteOptional(json, "numEdgesWritten", snapshot?.NumEdgesWritten);
                WriteOptional(json, "destination", snapshot?.Destination);
                json.WriteNumber("version", task.Version);
                json.WriteString("trackedAt", task.TrackedAt);
                if (task.ChangedAt is { } changed)
                {
                    json.WriteString("changedAt", changed);
                }
                else
                {
                    json.WriteNull("changedAt");
                }

                if (task.Pending is { } pending)
                {
                    json.WriteStartObject("pending");
                    json.WriteString("notificationId", pending.NotificationId);
                    json.WriteString("status", pending.Snapshot.Status.Value);
                    json.WriteNumber("version", pending.Version);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("pending");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
