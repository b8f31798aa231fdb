using System.Text;

namespace NeptuneNotifier.Core.Notifications;

// The Amazon Q Developer in chat applications custom notification:
// https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
internal static class ChatPayload
{
    // Chat clients show a few lines well; the full reason stays in the email and the machine event.
    private const int ReasonChars = 1500;

    public static string Write(NotificationContent content, bool indented) => NotificationJson.Write(indented, writer =>
    {
        var s = content.Snapshot;
        writer.WriteStartObject();
        writer.WriteString("version", "1.0");
        writer.WriteString("source", "custom");
        writer.WriteString("id", content.Notification.NotificationId);
        writer.WriteStartObject("content");
        writer.WriteString("textType", "client-markdown");
        writer.WriteString("title", $"{content.Icon} Neptune Analytics {content.KindName} {s.TaskId} {(content.Alert is null ? NotificationText.StatusToken(content.Status) : content.KindToken.ToUpperInvariant())}");
        writer.WriteString("description", Description(content));
        writer.WriteStartArray("nextSteps");
        foreach (var step in NextSteps(content))
        {
            writer.WriteStringValue(step);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keywords");
        writer.WriteStringValue("Neptune Analytics");
        writer.WriteStringValue(NotificationText.StatusToken(content.Status));
        if (content.Alert is not null)
        {
            writer.WriteStringValue(content.KindToken);
        }

        if (s.GraphId.Length > 0)
        {
            writer.WriteStringValue(s.GraphId);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("threadId", $"neptune-notifier-{s.TaskId}");
        writer.WriteString("summary", $"Neptune Analytics {content.KindName} {s.TaskId}: {NotificationText.StatusToken(content.Status)}");
        writer.WriteString("eventType", NotificationRenderer.EventType);
        writer.WriteStartArray("relatedResources");
        writer.WriteStringValue(s.TaskId);
        if (s.GraphId.Length > 0)
        {
            writer.WriteStringValue(s.GraphId);
        }

        if (content.Destination is { } destination)
        {
            writer.WriteStringValue(destination);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("additionalContext");
        writer.WriteString("taskId", s.TaskId);
        writer.WriteString("graphId", s.GraphId);
        writer.WriteString("status", content.Status.Value);
        writer.WriteString("previousStatus", content.Previous?.Value ?? string.Empty);
        writer.WriteString("kind", content.KindToken);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static string Description(NotificationContent content)
    {
        var s = content.Snapshot;
        var text = new StringBuilder();
        if (content.AlertHeadline is { } headline)
        {
            text.Append(CultureInfo.InvariantCulture, $"*Alert:* {headline[..1].ToUpperInvariant()}{headline[1..]}; status unchanged\n");
        }

        var previous = content.Alert is not null ? "still " : content.Previous is { } p ? $"`{NotificationText.ChatSafe(NotificationText.SingleLine(p.Value))}` → " : "first seen: ";
        var meaning = content.StatusMeaning is { } m ? $" ({m})" : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"*Status:* {previous}`{NotificationText.ChatSafe(NotificationText.SingleLine(content.Status.Value))}`{meaning}\n");
        text.Append(CultureInfo.InvariantCulture, $"*Graph:* `{content.GraphText}`\n");
        text.Append(CultureInfo.InvariantCulture, $"*Progress:* {NotificationText.Progress(s.ProgressPercentage)} · *Elapsed:* {NotificationText.Elapsed(s.TimeElapsedSeconds)}\n");
        if (content.IsImport)
        {
            text.Append(CultureInfo.InvariantCulture, $"*Statements:* {NotificationText.Count(s.StatementCount)} · *Dictionary entries:* {NotificationText.Count(s.DictionaryEntryCount)} · *Errors:* {NotificationText.Count(s.ErrorCount)}\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"*Vertices written:* {NotificationText.Count(s.NumVerticesWritten)} · *Edges written:* {NotificationText.Count(s.NumEdgesWritten)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"*Format:* {NotificationText.ChatSafe(content.FormatText)}\n");
        if (content.Destination is { } destination)
        {
            text.Append(CultureInfo.InvariantCulture, $"*{content.LocationLabel}:* `{NotificationText.ChatSafe(destination)}`\n");
        }

        if (content.Reason.Length > 0)
        {
            // A code block keeps *, _, ~, links and headings in the reason from rendering.
            var reason = NotificationText.ChatSafe(StatusReasonTruncation.Cut(content.Reason, ReasonChars));
            text.Append("*Reason:*\n```\n").Append(reason).Append("\n```\n");
        }

        if (content.ErrorDetails is { } details)
        {
            text.Append("*Error details:*\n```\n").Append(NotificationText.ChatSafe(StatusReasonTruncation.Cut(details, ReasonChars))).Append("\n```\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> NextSteps(NotificationContent content)
    {
        var status = content.Status;
        if (content.Alert is not null)
        {
            yield return "Look at the task in the console; if it is stuck, cancel it and start it again";
        }
        else if (status == NeptuneTaskStatus.Succeeded && content.IsImport)
        {
            yield return $"The data is loaded into graph `{content.GraphText}`";
        }
        else if (status == NeptuneTaskStatus.Succeeded && content.Destination is { } destination)
        {
            yield return $"Exported files are under `{NotificationText.ChatSafe(destination)}`";
        }
        else if ((status == NeptuneTaskStatus.Failed || status == NeptuneTaskStatus.RollingBack) && content.IsImport)
        {
            yield return "Read the reason and the error details above; check the source files' format and that the task's IAM role may read the source";
        }
        else if (status == NeptuneTaskStatus.Failed)
        {
            yield return "Read the reason above; check that the task's IAM role may write to the destination and use the KMS key";
        }
        else if (status == NeptuneTaskStatus.Gone)
        {
            yield return "The task no longer exists in Neptune Analytics; it is no longer followed";
        }

        yield return $"Open the Neptune console: {content.ConsoleUrl}";
    }
}
