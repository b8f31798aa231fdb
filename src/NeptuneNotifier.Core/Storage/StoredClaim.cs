namespace NeptuneNotifier.Core.Storage;

/// <summary>What a task's claim holds once read back: the snapshot of its last transition and, until completed, the pending notification.</summary>
/// <param name="Snapshot">The snapshot that made the task's last claimed (or recorded) transition.</param>
/// <param name="Pending">The claimed notification not yet completed, or null.</param>
public sealed record StoredClaim(TaskSnapshot Snapshot, PendingNotification? Pending)
{
    /// <summary>What the alert rules remember about the task (see <see cref="WatchCodec"/>); null when nothing is stored.</summary>
    public Alerts.AlertWatch? Watch { get; init; }
}
