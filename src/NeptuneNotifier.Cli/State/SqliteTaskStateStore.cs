using Microsoft.Data.Sqlite;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Cli.State;

/// <summary>
/// The embedded state store for runs without DynamoDB: one SQLite file, safe for several processes at once (WAL and
/// a busy timeout), with the same single-row compare-and-set semantics as the DynamoDB store. This file is the registry;
/// the outbox (claim, lease, completion) is in <c>SqliteTaskStateStore.Outbox.cs</c>.
/// </summary>
internal sealed partial class SqliteTaskStateStore : ITaskStateStore, IAsyncDisposable
{
    private const string ResumeKey = "resume-from";
    private const string GraphKeyPrefix = "graph-followed-since/";
    private const string GraphImportsKeyPrefix = "graph-imports-followed-since/";

    private readonly string connectionString;
    private readonly TimeProvider timeProvider;

    private SqliteTaskStateStore(string connectionString, TimeProvider timeProvider)
    {
        this.connectionString = connectionString;
        this.timeProvider = timeProvider;
    }

    public string Path { get; private init; } = string.Empty;

    /// <summary>
    /// Opens (creating when missing) the store at <paramref name="path"/>. A path that cannot hold it (not a database, a
    /// folder, no permission) fails with an <see cref="IOException"/> naming the file, since SQLite's messages name none.
    /// </summary>
    public static async Task<SqliteTaskStateStore> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            return await CreateAsync(fullPath, timeProvider, cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The embedded store {fullPath} cannot be opened: {exception.Message}", exception);
        }
    }

    private static async Task<SqliteTaskStateStore> CreateAsync(string fullPath, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var store = new SqliteTaskStateStore(connectionString, timeProvider) { Path = fullPath };
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS tasks (
                task_id     TEXT PRIMARY KEY NOT NULL,
                graph_id    TEXT NULL,
                version     INTEGER NOT NULL,
                snapshot    TEXT NULL,
                tracked_at  INTEGER NOT NULL,
                changed_at  INTEGER NULL,
                pending     TEXT NULL,
                expires_at  INTEGER NULL,
                active      INTEGER NOT NULL,
                claim_format INTEGER NULL,
                kind        TEXT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS tasks_active ON tasks (active) WHERE active = 1;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NULL) STRICT;
            CREATE TABLE IF NOT EXISTS listings (graph_id TEXT PRIMARY KEY NOT NULL, pages INTEGER NOT NULL, expires_at INTEGER NOT NULL) STRICT;
            """, cancellationToken);
        await AddColumnAsync(connection, "claim_format", "INTEGER", cancellationToken);
        await AddColumnAsync(connection, WatchCodec.WatchField, "TEXT", cancellationToken);
        await AddColumnAsync(connection, "kind", "TEXT", cancellationToken);
        return store;
    }

    // Files written before claims had a format have no claim_format column; their rows then read as the old shape
    // (see ClaimColumns). Files written before kinds were stored have no kind column; their tasks' kind is that of their
    // snapshot, or found out by the next read. Files written before alerts have no watch column: their tasks are fresh
    // to the rules. Checked and added under the write lock, so two processes opening one old file add each once.
    private static async Task AddColumnAsync(SqliteConnection connection, string column, string type, CancellationToken cancellationToken)
    {
        await using var transaction = BeginImmediate(connection);
        await using var check = Command(connection, "SELECT COUNT(*) FROM pragma_table_info('tasks') WHERE name = $column", transaction);
        check.Parameters.AddWithValue("$column", column);
        if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            await using var alter = Command(connection, $"ALTER TABLE tasks ADD COLUMN {column} {type} NULL", transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            return await LoadActiveReadOnlyAsync(cancellationToken);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);

        // DynamoDB's TTL deletes expired items in the background; here the reader does it.
        await using (var purge = Command(connection, "DELETE FROM tasks WHERE expires_at IS NOT NULL AND expires_at <= $now; DELETE FROM listings WHERE expires_at <= $now"))
        {
            purge.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ReadActiveAsync(connection, cancellationToken);
    }

    public async Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var tasks = await ReadTasksAsync(connection, "SELECT * FROM tasks WHERE task_id = $id", taskId, cancellationToken);
        return tasks.Count == 0 ? null : tasks[0];
    }

    public async Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalid(tasks);

        List<string> added = [];
        await using var connection = await OpenConnectionAsync(cancellationToken);
        foreach (var task in tasks.DistinctBy(t => t.TaskId))
        {
            await using var insert = Command(connection, """
                INSERT INTO tasks (task_id, graph_id, version, tracked_at, active, kind) VALUES ($id, $graph, 0, $now, 1, $kind)
                ON CONFLICT (task_id) DO NOTHING
                """);
            insert.Parameters.AddWithValue("$id", task.TaskId);
            insert.Parameters.AddWithValue("$kind", task.Kind is { } kind ? TaskKinds.Name(kind) : DBNull.Value);
            insert.Parameters.AddWithValue("$graph", (object?)task.GraphId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                added.Add(task.TaskId);
            }
        }

        return added;
    }

    public async Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalid(taskIds);

        List<string> unknown = [];
        await using var connection = await OpenConnectionAsync(cancellationToken);
        foreach (var taskId in taskIds.Distinct(StringComparer.Ordinal))
        {
            await using var select = Command(connection, "SELECT 1 FROM tasks WHERE task_id = $id");
            select.Parameters.AddWithValue("$id", taskId);
            if (await select.ExecuteScalarAsync(cancellationToken) is null)
            {
                unknown.Add(taskId);
            }
        }

        return unknown;
    }

    public async Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfNotRecordable(snapshot);

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var insert = Command(connection, """
            INSERT INTO tasks (task_id, graph_id, version, snapshot, tracked_at, changed_at, expires_at, active, claim_format, kind)
            VALUES ($id, $graph, 1, $snapshot, $now, $now, $expires, 0, $format, $kind)
            ON CONFLICT (task_id) DO NOTHING
            """);
        var (format, snapshotJson, _) = ClaimColumns.ToColumns(ClaimCodec.Encode(snapshot));
        insert.Parameters.AddWithValue("$id", snapshot.TaskId);
        insert.Parameters.AddWithValue("$graph", snapshot.GraphId);
        insert.Parameters.AddWithValue("$kind", TaskKinds.Name(snapshot.Kind));
        insert.Parameters.AddWithValue("$snapshot", snapshotJson);
        insert.Parameters.AddWithValue("$format", format);
        insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<DateTimeOffset> FollowGraphAsync(string graphId, TaskKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalidGraphId(graphId);
        var key = (kind == TaskKind.Import ? GraphImportsKeyPrefix : GraphKeyPrefix) + graphId;

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var upsert = Command(connection, """
            INSERT INTO meta (key, value) VALUES ($key, $now) ON CONFLICT (key) DO NOTHING;
            SELECT value FROM meta WHERE key = $key;
            """);
        upsert.Parameters.AddWithValue("$key", key);
        upsert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var value = await upsert.ExecuteScalarAsync(cancellationToken) as string;
        return long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw new InvalidDataException($"State file '{Path}': meta '{key}' is not a time in epoch milliseconds ('{value}').");
    }

    public async Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var delete = Command(connection, "DELETE FROM tasks WHERE task_id = $id");
        delete.Parameters.AddWithValue("$id", taskId);
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetListingPagesAsync(string graphId, int pages, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ListingKeys.ThrowIfInvalid(graphId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var upsert = Command(connection, """
            INSERT INTO listings (graph_id, pages, expires_at) VALUES ($graph, $pages, $expires)
            ON CONFLICT (graph_id) DO UPDATE SET pages = excluded.pages, expires_at = excluded.expires_at
            """);
        upsert.Parameters.AddWithValue("$graph", graphId);
        upsert.Parameters.AddWithValue("$pages", pages);
        upsert.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = taskId is null
            ? Command(connection, "DELETE FROM meta WHERE key = $key")
            : Command(connection, "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("$key", ResumeKey);
        if (taskId is not null)
        {
            command.Parameters.AddWithValue("$value", taskId);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            throw new InvalidOperationException($"The embedded store {Path} was opened to list its tasks only.");
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000;", cancellationToken);
        return connection;
    }

    // BEGIN IMMEDIATE takes the write lock at once, so no other process writes between our read and our write.
    private static SqliteTransaction BeginImmediate(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    // With unreadable, a row that cannot be read is named there and left out; without, it fails the read.
    private async Task<List<TrackedTask>> ReadTasksAsync(SqliteConnection connection, string sql, string? taskId, CancellationToken cancellationToken, SqliteTransaction? transaction = null, List<string>? unreadable = null)
    {
        await using var query = Command(connection, sql, transaction);
        if (taskId is not null)
        {
            query.Parameters.AddWithValue("$id", taskId);
        }

        List<TrackedTask> tasks = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            try
            {
                tasks.Add(ReadTask(reader));
            }
            catch (InvalidDataException exception) when (unreadable is not null)
            {
                unreadable.Add(exception.Message);
            }
        }

        return tasks;
    }

    private TrackedTask ReadTask(SqliteDataReader reader)
    {
        var id = reader.GetString(reader.GetOrdinal("task_id"));
        var claim = ClaimColumns.FromColumns(
            NullableLong(reader, "claim_format"),
            Nullable(reader, "snapshot"),
            Nullable(reader, "pending"),
            id,
            $"State file '{Path}', task '{id}'",
            Nullable(reader, WatchCodec.WatchField));
        return new TrackedTask(
            id,
            Nullable(reader, "graph_id"),
            reader.GetInt64(reader.GetOrdinal("version")),
            claim?.Snapshot,
            Time(reader, "tracked_at")!.Value,
            Time(reader, "changed_at"),
            claim?.Pending,
            Time(reader, "expires_at"))
        {
            Watch = claim?.Watch,
            Kind = TaskKinds.Parse(Nullable(reader, "kind")),
        };
    }

    private static string? Nullable(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private static long? NullableLong(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, string column) =>
        NullableLong(reader, column) is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
