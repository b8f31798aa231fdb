using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NeptuneNotifier.Core.Notifications;

/// <summary>
/// Turns one claimed transition into one SNS message for every kind of subscriber. Pure: the same
/// <see cref="PendingNotification"/> always gives the same message, which is what makes a republish identical.
/// </summary>
/// <remarks>
/// Message attributes and JSON message structure: the SNS documentation (Amazon SNS message attributes) says message
/// attributes "are sent only when the message structure is String, not JSON". So with MessageStructure=json no
/// subscription type (SQS, Lambda, HTTP/S, email, Firehose) receives our attributes in what it is delivered. Whether
/// subscription filter policies (FilterPolicyScope=MessageAttributes) still match the attributes of a JSON-structured
/// publish is not documented, so nothing relies on it: we set them for whoever verifies it in their account, and the
/// README's filtering path reads the same fields from the <c>sqs</c>/<c>lambda</c> JSON event.
/// </remarks>
public sealed class NotificationBuilder
{
    /// <summary>The SNS limit for one published message, body and attributes together, in bytes.</summary>
    public const int MaxPublishBytes = 262_144;

    /// <summary>The subject limit: fewer than 100 characters.</summary>
    public const int MaxSubjectLength = 99;

    /// <summary>The schema version of the machine-readable event (the <c>sqs</c> and <c>lambda</c> messages).</summary>
    public const string EventSchemaVersion = "1";

    /// <summary>The event type of the machine-readable event.</summary>
    public const string EventType = "NeptuneAnalyticsTaskStatusChange";

    // Room left for what SNS counts beyond our bytes; the status reason is cut until the message fits under it.
    private const int Headroom = 1024;

    // Chat clients show a few lines well; the full reason stays in the email and the machine event.
    private const int ChatReasonChars = 1500;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps non-ASCII readable and small; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly NotificationOptions options;

    /// <summary>Creates a builder.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public NotificationBuilder(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        this.options = options;
    }

    /// <summary>Builds the message for <paramref name="notification"/>, cutting the status reason as needed to stay under <see cref="MaxPublishBytes"/>.</summary>
    public NotificationMessage Build(PendingNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var reason = notification.Snapshot.StatusReason ?? string.Empty;
        var message = Build(notification, reason.Length);
        if (Size(message) <= MaxPublishBytes - Headroom)
        {
            return message;
        }

        // Binary search for the longest reason that fits: rare (only for pathological reasons) and a few dozen builds at most.
        var (low, high) = (0, reason.Length);
        var best = Build(notification, 0);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = Build(notification, middle);
            if (Size(candidate) <= MaxPublishBytes - Headroom)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best;
    }

    /// <summary>The bytes SNS counts for a message: the body, the subject and every attribute's name, type and value.</summary>
    public static int Size(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = Encoding.UTF8.GetByteCount(message.Message) + Encoding.UTF8.GetByteCount(message.Subject);
        foreach (var (name, value) in message.Attributes)
        {
            size += Encoding.UTF8.GetByteCount(name) + "String".Length + Encoding.UTF8.GetByteCount(value);
        }

        return size;
    }

    private NotificationMessage Build(PendingNotification notification, int reasonLimit)
    {
        var content = new Content(notification, options.Region, reasonLimit);
        var text = EmailText(content);
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("default", text);
            writer.WriteString("email", text);
            writer.WriteString("https", ChatbotJson(content));
            var machine = EventJson(content);
            writer.WriteString("sqs", machine);
            writer.WriteString("lambda", machine);
            writer.WriteEndObject();
        });

        Dictionary<string, string> attributes = new(StringComparer.Ordinal)
        {
            ["status"] = content.Status.Value,
            ["taskId"] = content.Snapshot.TaskId,
            ["terminal"] = content.Status.IsTerminal ? "true" : "false",
        };
        if (content.Snapshot.GraphId.Length > 0)
        {
            attributes["graphId"] = content.Snapshot.GraphId;
        }

        return new NotificationMessage(
            Subject(content),
            body,
            attributes,
            options.FifoTopic ? content.Snapshot.TaskId : null,
            options.FifoTopic ? DeduplicationId(notification) : null);
    }

    // Task, version and status identify a transition, so a republish of the same claim deduplicates.
    internal static string DeduplicationId(PendingNotification notification) =>
        string.Create(CultureInfo.InvariantCulture, $"{notification.TaskId}:{notification.Version}:{NotificationText.DeduplicationToken(notification.Snapshot.Status)}");

    // Plain ASCII starting with a letter: older SNS documentation required it, and mail clients show it everywhere.
    private static string Subject(Content content)
    {
        var rest = $": Neptune Analytics {content.KindName} {content.Snapshot.TaskId}{content.GraphSuffix}";
        var status = NotificationText.StatusToken(content.Status);
        return (status.Length + rest.Length <= MaxSubjectLength ? status : status[..(MaxSubjectLength - rest.Length)]) + rest;
    }

    private static string EmailText(Content content)
    {
        var s = content.Snapshot;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Neptune Analytics {content.KindName} task {s.TaskId} is now {content.StatusText}");
        text.Append(content.Previous is { } previous ? $" (was {NotificationText.SingleLine(previous.Value)}).\n\n" : " (first seen).\n\n");
        Line(text, "Task", $"{s.TaskId} ({content.KindName})");
        Line(text, "Graph", content.GraphText);
        Line(text, "Status", content.StatusText);
        Line(text, "Previous status", content.Previous is { } p ? NotificationText.SingleLine(p.Value) : "none (first seen)");
        if (content.Reason.Length > 0)
        {
            Line(text, "Reason", content.Reason);
        }

        Line(text, "Progress", NotificationText.Progress(s.ProgressPercentage));
        Line(text, "Vertices written", NotificationText.Count(s.NumVerticesWritten));
        Line(text, "Edges written", NotificationText.Count(s.NumEdgesWritten));
        Line(text, "Elapsed", NotificationText.Elapsed(s.TimeElapsedSeconds));
        if (s.StartTime is { } started)
        {
            Line(text, "Started", NotificationText.Timestamp(started));
        }

        Line(text, "Format", content.FormatText);
        Line(text, "Destination", content.Destination ?? "not reported");
        Line(text, "Console", content.ConsoleUrl);
        Line(text, "Detected", NotificationText.Timestamp(content.Notification.DetectedAt));
        Line(text, "Notification", $"{content.Notification.NotificationId} (version {content.Notification.Version.ToString(CultureInfo.InvariantCulture)})");
        return text.ToString();

        static void Line(StringBuilder text, string label, string value) =>
            text.Append(label).Append(": ").Append(value).Append('\n');
    }

    private static string ChatbotJson(Content content) => Json(writer =>
    {
        var s = content.Snapshot;
        writer.WriteStartObject();
        writer.WriteString("version", "1.0");
        writer.WriteString("source", "custom");
        writer.WriteString("id", content.Notification.NotificationId);
        writer.WriteStartObject("content");
        writer.WriteString("textType", "client-markdown");
        writer.WriteString("title", $"{content.Icon} Neptune Analytics {content.KindName} {s.TaskId} {NotificationText.StatusToken(content.Status)}");
        writer.WriteString("description", ChatDescription(content));
        writer.WriteStartArray("nextSteps");
        foreach (var step in NextSteps(content))
        {
            writer.WriteStringValue(step);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keywords");
        writer.WriteStringValue("Neptune Analytics");
        writer.WriteStringValue(NotificationText.StatusToken(content.Status));
        if (s.GraphId.Length > 0)
        {
            writer.WriteStringValue(s.GraphId);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("threadId", $"neptune-notifier-{s.TaskId}");
        writer.WriteString("summary", $"Neptune Analytics {content.KindName} {s.TaskId}: {NotificationText.StatusToken(content.Status)}");
        writer.WriteString("eventType", EventType);
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
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static string ChatDescription(Content content)
    {
        var s = content.Snapshot;
        var text = new StringBuilder();
        var previous = content.Previous is { } p ? $"`{NotificationText.ChatSafe(NotificationText.SingleLine(p.Value))}` → " : "first seen: ";
        text.Append(CultureInfo.InvariantCulture, $"*Status:* {previous}`{NotificationText.ChatSafe(NotificationText.SingleLine(content.Status.Value))}`\n");
        text.Append(CultureInfo.InvariantCulture, $"*Graph:* `{content.GraphText}`\n");
        text.Append(CultureInfo.InvariantCulture, $"*Progress:* {NotificationText.Progress(s.ProgressPercentage)} · *Elapsed:* {NotificationText.Elapsed(s.TimeElapsedSeconds)}\n");
        text.Append(CultureInfo.InvariantCulture, $"*Vertices written:* {NotificationText.Count(s.NumVerticesWritten)} · *Edges written:* {NotificationText.Count(s.NumEdgesWritten)}\n");
        text.Append(CultureInfo.InvariantCulture, $"*Format:* {NotificationText.ChatSafe(content.FormatText)}\n");
        if (content.Destination is { } destination)
        {
            text.Append(CultureInfo.InvariantCulture, $"*Destination:* `{NotificationText.ChatSafe(destination)}`\n");
        }

        if (content.Reason.Length > 0)
        {
            // A code block keeps *, _, ~, links and headings in the reason from rendering.
            var reason = NotificationText.ChatSafe(StatusReasonTruncation.Cut(content.Reason, ChatReasonChars));
            text.Append("*Reason:*\n```\n").Append(reason).Append("\n```\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> NextSteps(Content content)
    {
        var status = content.Status;
        if (status == NeptuneTaskStatus.Succeeded && content.Destination is { } destination)
        {
            yield return $"Exported files are under `{NotificationText.ChatSafe(destination)}`";
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

    private static string EventJson(Content content) => Json(writer =>
    {
        var s = content.Snapshot;
        var n = content.Notification;
        writer.WriteStartObject();
        writer.WriteString("schemaVersion", EventSchemaVersion);
        writer.WriteString("eventType", EventType);
        writer.WriteString("notificationId", n.NotificationId);
        writer.WriteNumber("version", n.Version);
        writer.WriteString("detectedAt", NotificationText.Timestamp(n.DetectedAt));
        writer.WriteString("taskId", s.TaskId);
        writer.WriteString("taskKind", s.Kind == TaskKind.Import ? "import" : "export");
        NullableString(writer, "graphId", s.GraphId.Length > 0 ? s.GraphId : null);
        writer.WriteString("status", content.Status.Value);
        NullableString(writer, "previousStatus", content.Previous?.Value);
        writer.WriteBoolean("terminal", content.Status.IsTerminal);
        NullableString(writer, "statusReason", s.StatusReason is null ? null : content.Reason);
        writer.WriteBoolean("statusReasonTruncated", content.ReasonTruncated);
        NullableString(writer, "format", s.Format);
        NullableString(writer, "parquetType", s.ParquetType);
        NullableString(writer, "destination", s.Destination);
        NullableString(writer, "kmsKeyIdentifier", s.KmsKeyIdentifier);
        NullableString(writer, "roleArn", s.RoleArn);
        NullableNumber(writer, "progressPercentage", s.ProgressPercentage);
        NullableNumber(writer, "timeElapsedSeconds", s.TimeElapsedSeconds);
        NullableNumber(writer, "numVerticesWritten", s.NumVerticesWritten);
        NullableNumber(writer, "numEdgesWritten", s.NumEdgesWritten);
        NullableString(writer, "startTime", s.StartTime is { } start ? NotificationText.Timestamp(start) : null);
        writer.WriteString("consoleUrl", content.ConsoleUrl);
        writer.WriteEndObject();
    });

    private static void NullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void NullableNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // The display values shared by every format, computed once per build.
    private sealed class Content
    {
        public Content(PendingNotification notification, string region, int reasonLimit)
        {
            Notification = notification;
            Snapshot = notification.Snapshot;
            Status = Snapshot.Status;
            Previous = notification.PreviousStatus;
            var reason = Snapshot.StatusReason ?? string.Empty;
            ReasonTruncated = StatusReasonTruncation.IsCut(reason, reasonLimit);
            Reason = NotificationText.MultiLine(StatusReasonTruncation.Cut(reason, reasonLimit));
            KindName = Snapshot.Kind == TaskKind.Import ? "import" : "export";
            StatusText = NotificationText.SingleLine(Status.Value);
            GraphText = Snapshot.GraphId.Length > 0 ? Snapshot.GraphId : "unknown";
            GraphSuffix = Snapshot.GraphId.Length > 0 ? $" on {Snapshot.GraphId}" : string.Empty;
            Destination = Snapshot.Destination is { } d ? NotificationText.SingleLine(d) : null;
            FormatText = Snapshot.Format is { } format
                ? NotificationText.SingleLine(Snapshot.ParquetType is { } parquet ? $"{format} ({parquet})" : format)
                : "not reported";
            ConsoleUrl = ConsoleLinks.NeptuneGraphs(region);
            Icon = Status.IsFailure ? "❌" : Status == NeptuneTaskStatus.Succeeded ? "✅" : Status.IsTerminal ? "⏹" : "🔄";
        }

        public PendingNotification Notification { get; }

        public TaskSnapshot Snapshot { get; }

        public NeptuneTaskStatus Status { get; }

        public NeptuneTaskStatus? Previous { get; }

        public string Reason { get; }

        public bool ReasonTruncated { get; }

        public string KindName { get; }

        public string StatusText { get; }

        public string GraphText { get; }

        public string GraphSuffix { get; }

        public string? Destination { get; }

        public string FormatText { get; }

        public string ConsoleUrl { get; }

        public string Icon { get; }
    }
}
