using Microsoft.Data.Sqlite;
using NeptuneNotifier.Cli;
using NeptuneNotifier.Cli.State;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

// The embedded store opened for list writes nothing: a user who may read a watch service's file but not write it or its
// folder can list its tasks (SQLite would otherwise create -wal and -shm beside it).
public sealed partial class SqliteTaskStateStoreTests
{
    [Fact]
    public async Task OpenReadOnly_NoWriterConnected_ReadsTheActiveTasksAndWritesNothing()
    {
        var writer = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await writer.TrackAsync([new TaskToTrack("t-running001", TestData.GraphId), new TaskToTrack("t-queued0001", TestData.GraphId)], TestData.Start, Token);
        await writer.RecordFinishedAsync(TestData.Snapshot("t-history001", NeptuneTaskStatus.Succeeded), TestData.Start, TestData.Start.AddDays(14), Token);
        await writer.DisposeAsync();
        var (bytes, written) = (await File.ReadAllBytesAsync(StorePath, Token), File.GetLastWriteTimeUtc(StorePath));

        var active = await SqliteTaskStateStore.OpenReadOnly(StorePath, time).LoadActiveAsync(Token);

        active.Tasks.Select(task => task.TaskId).ShouldBe(["t-running001", "t-queued0001"], ignoreOrder: true);
        folder.GetFiles().Select(file => file.Name).ShouldBe(["state.db"]);
        (await File.ReadAllBytesAsync(StorePath, Token)).ShouldBe(bytes);
        File.GetLastWriteTimeUtc(StorePath).ShouldBe(written);
    }

    [Fact]
    public async Task OpenReadOnly_WriterConnected_ReadsWhatTheWriterCommittedToItsLog()
    {
        var writer = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await writer.TrackAsync([new TaskToTrack("t-early00001", TestData.GraphId)], TestData.Start, Token);

        // A connection held open keeps the log: the next task is committed to state.db-wal, not yet to state.db.
        await using var held = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await held.OpenAsync(Token);
        await using (var read = held.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM tasks";
            await read.ExecuteScalarAsync(Token);
        }

        await writer.TrackAsync([new TaskToTrack("t-later00001", TestData.GraphId)], TestData.Start, Token);
        File.Exists(StorePath + "-wal").ShouldBeTrue();

        // On the real clock: a read that cannot count (it would miss the log) fails after its tries instead of waiting on a fake clock.
        var active = await SqliteTaskStateStore.OpenReadOnly(StorePath, TimeProvider.System).LoadActiveAsync(Token);

        active.Tasks.Select(task => task.TaskId).ShouldBe(["t-early00001", "t-later00001"], ignoreOrder: true);
    }

    // The command, not only the store: list on a file an older version wrote shows it as it is, where opening it to
    // write would have added the columns of this version.
    [Fact]
    public async Task List_FileOfAnOlderVersion_ListsItsTasksWithoutUpgradingIt()
    {
        await using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE tasks (task_id TEXT PRIMARY KEY NOT NULL, graph_id TEXT NULL, version INTEGER NOT NULL, snapshot TEXT NULL,
                    tracked_at INTEGER NOT NULL, changed_at INTEGER NULL, pending TEXT NULL, expires_at INTEGER NULL, active INTEGER NOT NULL) STRICT;
                INSERT INTO tasks VALUES ('t-older00001', 'g-0123456789', 0, NULL, 1772366400000, NULL, NULL, NULL, 1);
                """;
            await create.ExecuteNonQueryAsync(Token);
        }

        var bytes = await File.ReadAllBytesAsync(StorePath, Token);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var context = new CliContext(new Dictionary<string, string?>(), console, new StringWriter(), time, NullLoggerFactory.Instance);

        var code = await CliApp.InvokeAsync(["list", "--json", "--state", StorePath], context, Token);

        code.ShouldBe(0);
        output.ToString().ShouldContain("\"taskId\": \"t-older00001\"");
        (await File.ReadAllBytesAsync(StorePath, Token)).ShouldBe(bytes);
    }

    // One damaged row: the others are listed, the row is named on standard error, and the exit code says so.
    [Fact]
    public async Task List_OneUnreadableRow_ListsTheOthersNamesItAndExitsWithOne()
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await store.TrackAsync([new TaskToTrack("t-damaged001"), new TaskToTrack("t-healthy001")], TestData.Start, Token);
        await using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE tasks SET claim_format = 4 WHERE task_id = 't-damaged001'";
            await damage.ExecuteNonQueryAsync(Token);
        }

        var (output, errors) = (new StringWriter(), new StringWriter());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var context = new CliContext(new Dictionary<string, string?>(), console, errors, time, NullLoggerFactory.Instance);

        var code = await CliApp.InvokeAsync(["list", "--json", "--state", StorePath], context, Token);

        code.ShouldBe(1);
        output.ToString().ShouldContain("\"taskId\": \"t-healthy001\"");
        output.ToString().ShouldNotContain("t-damaged001");
        errors.ToString().ShouldStartWith($"error: State file '{StorePath}', task 't-damaged001'");
        errors.ToString().ShouldContain("format 4");
    }

    [Fact]
    public async Task OpenReadOnly_TrackAsync_FailsNamingTheFile()
    {
        await (await SqliteTaskStateStore.OpenAsync(StorePath, time, Token)).DisposeAsync();
        var store = SqliteTaskStateStore.OpenReadOnly(StorePath, time);

        var exception = await Should.ThrowAsync<InvalidOperationException>(() => store.TrackAsync([new TaskToTrack("t-refused001")], TestData.Start, Token));

        exception.Message.ShouldBe($"The embedded store {StorePath} was opened to list its tasks only.");
    }
}
