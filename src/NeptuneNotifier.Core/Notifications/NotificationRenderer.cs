using System.Text;

namespace NeptuneNotifier.Core.Notifications;

/// <summary>
/// Renders one claimed transition into the forms its readers need (subject, email text, chat payload, machine event),
/// independent of any channel. Pure: the same <see cref="PendingNotification"/> and reason limit always give the same
/// rendering, which is what makes a republish identical.
/// </summary>
public sealed class NotificationRenderer
{
    /// <summary>The longest subject: fewer than 100 characters, short enough for any mail client and channel.</summary>
    public const int MaxSubjectLength = 99;

    /// <summary>The schema version of the machine-readable event.</summary>
    public const string EventSchemaVersion = "1";

    /// <summary>The event type of the machine-readable event.</summary>
    public const string EventType = "NeptuneAnalyticsTaskStatusChange";

    private readonly NotificationOptions options;

    /// <summary>Creates a renderer.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public NotificationRenderer(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        this.options = options;
    }

    /// <summary>
    /// Renders <paramref name="notification"/>. With <paramref name="reasonLimit"/>, the status reason is cut to that
    /// many characters (plus a marker saying how many were cut; see <see cref="RenderedNotification.ReasonCut"/>): a
    /// channel with a size limit renders again with a lower limit until it fits.
    /// </summary>
    public RenderedNotification Render(PendingNotification notification, int? reasonLimit = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var content = new NotificationContent(notification, options.Region, reasonLimit);
        var snapshot = notification.Snapshot;
        return new RenderedNotification(
            new NotificationIdentity(
                notification.NotificationId,
                snapshot.TaskId,
                snapshot.Kind,
                snapshot.GraphId.Length > 0 ? snapshot.GraphId : null,
                snapshot.Status,
                notification.PreviousStatus,
                notification.Version,
                notification.DetectedAt)
            {
                NotificationKind = notification.Kind,
            },
            DeduplicationKey(notification),
            Subject(content),
            EmailText(content),
            ChatPayload.Write(content, options.IndentedJson),
            MachineEvent.Write(content, options.IndentedJson),
            content.ReasonCut);
    }

    // Task, version and status identify a transition (an alert's claim has a version of its own), so a republish of the same claim deduplicates.
    private static string DeduplicationKey(PendingNotification notification) =>
        string.Create(CultureInfo.InvariantCulture, $"{notification.TaskId}:{notification.Version}:{NotificationText.DeduplicationToken(notification.Snapshot.Status)}");

    // Plain ASCII starting with a letter: older SNS documentation required it, and mail clients show it everywhere.
    private static string Subject(NotificationContent content)
    {
        var rest = $": Neptune Analytics {content.KindName} {content.Snapshot.TaskId}{content.GraphSuffix}";
        var status = content.Alert switch
        {
            Alerts.TaskAlert.Overdue overdue => $"OVERDUE, running {NotificationText.Duration(overdue.RunningFor)}",
            Alerts.TaskAlert.Stalled stalled => $"NO PROGRESS since {stalled.Since.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)}",
            _ => NotificationText.StatusToken(content.Status),
        };
        return (status.Length + rest.Length <= MaxSubjectLength ? status : status[..(MaxSubjectLength - rest.Length)]) + rest;
    }

    private static string EmailText(NotificationContent content)
    {
        var s = content.Snapshot;
        var text = new StringBuilder();
        if (content.Alert is { } alert)
        {
            AlertOpening(text, content, alert);
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Neptune Analytics {content.KindName} task {s.TaskId} is now {content.StatusText}");
            text.Append(content.Previous is { } previous ? $" (was {NotificationText.SingleLine(previous.Value)}).\n\n" : " (first seen).\n\n");
        }

        Line(text, "Task", $"{s.TaskId} ({content.KindName})");
        Line(text, "Graph", content.GraphText);
        Line(text, "Status", content.StatusMeaning is { } meaning ? $"{content.StatusText} ({meaning})" : content.StatusText);
        if (content.AlertHeadline is { } headline)
        {
            Line(text, "Alert", headline);
        }
        else
        {
            Line(text, "Previous status", content.Previous is { } p ? NotificationText.SingleLine(p.Value) : "none (first seen)");
        }

        if (content.Reason.Length > 0)
        {
            Line(text, "Reason", content.Reason);
        }

        Line(text, "Progress", NotificationText.Progress(s.ProgressPercentage));
        if (content.IsImport)
        {
            Line(text, "Statements", NotificationText.Count(s.StatementCount));
            Line(text, "Dictionary entries", NotificationText.Count(s.DictionaryEntryCount));
            Line(text, "Errors", NotificationText.Count(s.ErrorCount));
            if (content.ErrorDetails is { } details)
            {
                Line(text, "Error details", details);
            }
        }
        else
        {
            Line(text, "Vertices written", NotificationText.Count(s.NumVerticesWritten));
            Line(text, "Edges written", NotificationText.Count(s.NumEdgesWritten));
        }

        Line(text, "Elapsed", NotificationText.Elapsed(s.TimeElapsedSeconds));
        if (s.StartTime is { } started)
        {
            Line(text, "Started", NotificationText.Timestamp(started));
        }

        Line(text, "Format", content.FormatText);
        Line(text, content.LocationLabel, content.Destination ?? "not reported");
        Line(text, "Console", content.ConsoleUrl);
        Line(text, "Detected", NotificationText.Timestamp(content.Notification.DetectedAt));
        Line(text, "Notification", $"{content.Notification.NotificationId} (version {content.Notification.Version.ToString(CultureInfo.InvariantCulture)})");
        return text.ToString();

        static void Line(StringBuilder text, string label, string value) =>
            text.Append(label).Append(": ").Append(value).Append('\n');
    }

    // An alert's opening says what is wrong and for how long; the status is unchanged, and is said to be.
    private static void AlertOpening(StringBuilder text, NotificationContent content, Alerts.TaskAlert alert)
    {
        var task = $"Neptune Analytics {content.KindName} task {content.Snapshot.TaskId}";
        text.Append(alert switch
        {
            Alerts.TaskAlert.Overdue overdue =>
                $"{task} is overdue: it has been running for {NotificationText.Duration(overdue.RunningFor)}, longer than the {NotificationText.Minutes(overdue.Threshold)} allowed (OVERDUE_AFTER_MINUTES).",
            Alerts.TaskAlert.Stalled stalled =>
                $"{task} has made no progress since {NotificationText.Timestamp(stalled.Since)}, for {NotificationText.Duration(content.Notification.DetectedAt - stalled.Since)} (STALLED_AFTER_MINUTES is {NotificationText.Minutes(stalled.Threshold)}); progress is at {NotificationText.Progress(content.Snapshot.ProgressPercentage)}.",
            _ => task,
        });
        text.Append(CultureInfo.InvariantCulture, $" Its status is still {content.StatusText}; this alert is sent once{(alert is Alerts.TaskAlert.Stalled ? " per stall" : " per task")}.\n\n");
    }
}
