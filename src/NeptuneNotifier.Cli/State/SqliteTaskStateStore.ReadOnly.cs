using Microsoft.Data.Sqlite;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Cli.State;

/// <summary>
/// The store opened for reading only (<c>list</c>): it writes nothing, not even SQLite's <c>-wal</c> and <c>-shm</c>
/// files, so a user who may read the file of a <c>watch</c> service but not write it or its folder can list its tasks.
/// </summary>
/// <remarks>
/// A WAL database opened read-only needs its <c>-shm</c> file to exist or to be creatable
/// (https://www.sqlite.org/wal.html, "Read-Only Databases"). The processes of this store close their connections
/// between operations, and the last one to close removes <c>-wal</c> and <c>-shm</c>, so they are usually absent. Then
/// nobody is writing, and the file is read as immutable (https://www.sqlite.org/uri.html, <c>immutable</c>), which takes
/// no locks and creates nothing; the read counts only if the file's length and last write time are the same afterwards
/// and no <c>-wal</c> has appeared. While a writer is connected, the files exist and the read goes through them, as any
/// reader's does. The same holds for the <c>-journal</c> of a file written before it was switched to WAL.
/// </remarks>
internal sealed partial class SqliteTaskStateStore
{
    // A writer's operation takes milliseconds: a read it overlapped is tried again after a pause.
    private const int ReadOnlyAttempts = 10;
    private static readonly TimeSpan ReadOnlyRetryDelay = TimeSpan.FromMilliseconds(100);

    private bool readOnly;

    /// <summary>
    /// The store at <paramref name="path"/>, for <see cref="LoadActiveAsync"/> only; it must exist. Expired tasks are left
    /// for a writer to purge, and a file of an older version is read as it is.
    /// </summary>
    public static SqliteTaskStateStore OpenReadOnly(string path, TimeProvider timeProvider)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        return new SqliteTaskStateStore(string.Empty, timeProvider) { Path = fullPath, readOnly = true };
    }

    private async Task<ActiveTasks> LoadActiveReadOnlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Unreadable is final, and SQLite would only say "unable to open database file".
            using (File.OpenRead(Path))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The embedded store {Path} cannot be read: {exception.Message}", exception);
        }

        for (var attempt = 1; ; attempt++)
        {
            var before = FileStamp();
            var immutable = !HasWriterFiles();
            try
            {
                await using var connection = new SqliteConnection(ReadOnlyConnectionString(immutable));
                await connection.OpenAsync(cancellationToken);
                var active = await ReadActiveAsync(connection, cancellationToken);
                if (!immutable || (FileStamp() == before && !HasWriterFiles()))
                {
                    return active;
                }
            }
            catch (SqliteException exception) when (attempt < ReadOnlyAttempts && IsPassing(exception))
            {
                // A writer came or went while the file was opened.
            }
            catch (SqliteException exception)
            {
                throw new IOException($"The embedded store {Path} cannot be read: {exception.Message}", exception);
            }

            if (attempt == ReadOnlyAttempts)
            {
                throw new IOException($"The embedded store {Path} changed during each of {ReadOnlyAttempts} reads; try again.");
            }

            await Task.Delay(ReadOnlyRetryDelay, timeProvider, cancellationToken);
        }
    }

    // The active tasks, the resume point and the remembered listings, as a writer reads them after its purge and as a
    // read-only open reads them in a file it may not purge: what has expired is left out either way.
    private async Task<ActiveTasks> ReadActiveAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var tables = await NamesAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
        if (!tables.Contains("tasks"))
        {
            // An empty file, which a writer would make a store: no task is followed in it yet.
            return new ActiveTasks([], null);
        }

        // Columns added since the file was written read as absent, as the store's own upgrade would leave them.
        var columns = await NamesAsync(connection, "SELECT name FROM pragma_table_info('tasks')", cancellationToken);
        var select = string.Join(", ", new[] { "task_id", "graph_id", "version", "snapshot", "tracked_at", "changed_at", "pending", "expires_at", "claim_format", WatchCodec.WatchField, "kind" }
            .Select(column => columns.Contains(column) ? column : $"NULL AS {column}"));
        List<string> unreadable = [];
        var tasks = await ReadTasksAsync(connection, $"SELECT {select} FROM tasks WHERE active = 1 AND (expires_at IS NULL OR expires_at > {now})", null, cancellationToken, unreadable: unreadable);

        string? resumeFrom = null;
        if (tables.Contains("meta"))
        {
            await using var resume = Command(connection, "SELECT value FROM meta WHERE key = $key");
            resume.Parameters.AddWithValue("$key", ResumeKey);
            resumeFrom = await resume.ExecuteScalarAsync(cancellationToken) as string;
        }

        Dictionary<string, int> listingPages = new(StringComparer.Ordinal);
        if (tables.Contains("listings"))
        {
            await using var listings = Command(connection, $"SELECT graph_id, pages FROM listings WHERE expires_at > {now}");
            await using var reader = await listings.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                listingPages[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        return new ActiveTasks(tasks, resumeFrom) { ListingPages = listingPages, Unreadable = unreadable };
    }

    private string ReadOnlyConnectionString(bool immutable) => new SqliteConnectionStringBuilder
    {
        DataSource = new Uri(Path).AbsoluteUri + (immutable ? "?immutable=1" : string.Empty),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    // A -wal file while a writer is connected, a -journal file while a file not (yet) in WAL mode is written.
    private bool HasWriterFiles() => File.Exists(Path + "-wal") || File.Exists(Path + "-journal");

    private (long Length, DateTime Written) FileStamp()
    {
        var file = new FileInfo(Path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : throw new FileNotFoundException($"The embedded store {Path} is gone.", Path);
    }

    // SQLITE_BUSY (5), SQLITE_READONLY's recovery and init cases (8) and SQLITE_CANTOPEN (14): the files a writer keeps
    // beside the database came or went between looking and opening. SQLITE_CORRUPT (11): an immutable read met pages a
    // writer was changing (a file that is really damaged says so after the last attempt).
    private static bool IsPassing(SqliteException exception) => exception.SqliteErrorCode is 5 or 8 or 11 or 14;

    private static async Task<HashSet<string>> NamesAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        HashSet<string> names = new(StringComparer.Ordinal);
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
