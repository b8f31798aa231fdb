using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Cli.State;

// The outbox on the task rows. Every write that touches the claim writes all of it, in the format ClaimCodec chooses
// for it (columns claim_format, snapshot, pending), so a row read in an older shape is never left half upgraded.
internal sealed partial class SqliteTaskStateStore
{
    public async Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var update = Command(connection, """
            UPDATE tasks
            SET version = $version, snapshot = $snapshot, graph_id = $graph, changed_at = $changed, pending = $pending,
                claim_format = $format, active = 1, watch = $watch
            WHERE task_id = $id AND version = $expected AND pending IS NULL
            """);
        update.Parameters.AddWithValue("$id", notification.TaskId);
        update.Parameters.AddWithValue("$expected", expectedVersion);
        update.Parameters.AddWithValue("$version", notification.Version);
        update.Parameters.AddWithValue("$graph", notification.Snapshot.GraphId);
        update.Parameters.AddWithValue("$changed", notification.DetectedAt.ToUnixTimeMilliseconds());
        var claim = ClaimCodec.Encode(notification);
        AddClaim(update, claim);
        update.Parameters.AddWithValue("$watch", (object?)ClaimColumns.Watch(claim[WatchCodec.WatchField]) ?? DBNull.Value);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1
            || (await GetAsync(notification.TaskId, cancellationToken))?.Pending?.NotificationId == notification.NotificationId;
    }

    public Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken) =>
        RewritePendingAsync(
            taskId,
            pending => pending.NotificationId == notificationId && pending.LeaseUntil == expectedLeaseUntil,
            pending => pending with { LeaseUntil = newLeaseUntil },
            cancellationToken);

    public async Task<bool> TryRecordDeliveryAsync(PendingNotification delivered, string channel, string deliveryId, CancellationToken cancellationToken) =>
        await RewritePendingAsync(
            delivered.TaskId,
            pending => pending.NotificationId == delivered.NotificationId,
            pending => pending with { Delivered = pending.Delivered.With(channel, deliveryId) },
            cancellationToken) is not null;

    public async Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = BeginImmediate(connection);
        var task = await ReadTaskAsync(connection, taskId, transaction, cancellationToken);
        if (task?.Pending is not { } pending || pending.NotificationId != notificationId)
        {
            return false;
        }

        await using var update = Command(connection, """
            UPDATE tasks SET claim_format = $format, snapshot = $snapshot, pending = $pending, expires_at = $expires, active = $active
            WHERE task_id = $id
            """, transaction);
        update.Parameters.AddWithValue("$id", taskId);
        AddClaim(update, ClaimCodec.Encode(pending.Snapshot));
        var terminal = completion as TaskCompletion.Terminal;
        update.Parameters.AddWithValue("$expires", terminal is null ? DBNull.Value : terminal.ExpiresAt.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("$active", terminal is null ? 1 : 0);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> TrySaveWatchAsync(string taskId, long expectedVersion, AlertWatch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var update = Command(connection, "UPDATE tasks SET watch = $watch WHERE task_id = $id AND version = $expected AND pending IS NULL");
        update.Parameters.AddWithValue("$id", taskId);
        update.Parameters.AddWithValue("$expected", expectedVersion);
        update.Parameters.AddWithValue("$watch", ClaimColumns.Watch(WatchCodec.Encode(watch)));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // Read, check and write inside one IMMEDIATE transaction: SQLite then holds the write lock throughout, which gives
    // the same compare-and-set as DynamoDB's condition on the pending notification.
    // The pending notification as rewritten, or null when it did not match.
    private async Task<PendingNotification?> RewritePendingAsync(string taskId, Func<PendingNotification, bool> matches, Func<PendingNotification, PendingNotification> change, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = BeginImmediate(connection);
        var task = await ReadTaskAsync(connection, taskId, transaction, cancellationToken);
        if (task?.Pending is not { } pending || !matches(pending))
        {
            return null;
        }

        var changed = change(pending);
        await using var update = Command(connection, "UPDATE tasks SET claim_format = $format, snapshot = $snapshot, pending = $pending WHERE task_id = $id", transaction);
        update.Parameters.AddWithValue("$id", taskId);
        AddClaim(update, ClaimCodec.Encode(changed));
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private async Task<TrackedTask?> ReadTaskAsync(SqliteConnection connection, string taskId, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        (await ReadTasksAsync(connection, "SELECT * FROM tasks WHERE task_id = $id", taskId, cancellationToken, transaction)).FirstOrDefault();

    private static void AddClaim(SqliteCommand command, JsonObject claim)
    {
        var (format, snapshot, pending) = ClaimColumns.ToColumns(claim);
        command.Parameters.AddWithValue("$format", format);
        command.Parameters.AddWithValue("$snapshot", snapshot);
        command.Parameters.AddWithValue("$pending", (object?)pending ?? DBNull.Value);
    }
}
