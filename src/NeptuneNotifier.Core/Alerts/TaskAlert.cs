namespace NeptuneNotifier.Core.Alerts;

/// <summary>What a notification is about: a change of status, or an alert about a task that is still running.</summary>
public enum NotificationKind
{
    /// <summary>A change of the stored status (the first sighting included).</summary>
    Transition,

    /// <summary>The task has been running longer than OVERDUE_AFTER_MINUTES.</summary>
    Overdue,

    /// <summary>The task's progress has not moved for STALLED_AFTER_MINUTES.</summary>
    Stalled,
}

/// <summary>
/// An alert about a running task, carried by its pending notification so that a republish says exactly what the first
/// attempt said. Alerts never change the task's status.
/// </summary>
public abstract record TaskAlert
{
    private TaskAlert()
    {
    }

    /// <summary>The kind this alert is.</summary>
    public abstract NotificationKind Kind { get; }

    /// <summary>The configured threshold the task passed.</summary>
    public abstract TimeSpan Threshold { get; }

    /// <summary>The name of a kind as the machine event, the message attribute and the stored claim spell it.</summary>
    public static string Name(NotificationKind kind) => kind switch
    {
        NotificationKind.Overdue => "overdue",
        NotificationKind.Stalled => "stalled",
        _ => "transition",
    };

    /// <summary>The kind whose <see cref="Name"/> is <paramref name="name"/>; null for a name this version does not know.</summary>
    public static NotificationKind? KindNamed(string name) =>
        Enum.GetValues<NotificationKind>().Where(kind => Name(kind) == name).Cast<NotificationKind?>().FirstOrDefault();

    /// <summary>The task has been running for <paramref name="RunningFor"/>, at least <paramref name="Threshold"/>.</summary>
    /// <param name="RunningFor">How long the task had been running when the alert was detected.</param>
    /// <param name="Threshold">OVERDUE_AFTER_MINUTES.</param>
    public sealed record Overdue(TimeSpan RunningFor, TimeSpan Threshold) : TaskAlert
    {
        /// <inheritdoc />
        public override NotificationKind Kind => NotificationKind.Overdue;

        /// <inheritdoc />
        public override TimeSpan Threshold { get; } = Threshold;
    }

    /// <summary>The task's progress has not moved since <paramref name="Since"/>, for at least <paramref name="Threshold"/>.</summary>
    /// <param name="Since">When the progress was first seen where it still is.</param>
    /// <param name="Threshold">STALLED_AFTER_MINUTES.</param>
    public sealed record Stalled(DateTimeOffset Since, TimeSpan Threshold) : TaskAlert
    {
        /// <inheritdoc />
        public override NotificationKind Kind => NotificationKind.Stalled;

        /// <inheritdoc />
        public override TimeSpan Threshold { get; } = Threshold;
    }
}
