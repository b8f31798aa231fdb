using Microsoft.Data.Sqlite;
using NeptuneNotifier.Cli.State;

namespace NeptuneNotifier.Tests.Cli;

/// <summary>
/// How the embedded store holds a claim: the claim codec's format 1 in columns, and files written before claims had a
/// format (the C# records as System.Text.Json wrote them) still read and upgrade on their next outbox write.
/// </summary>
public sealed class SqliteStoredClaimTests : IDisposable
{
    // A file as the embedded store wrote it before claim_format: schema and rows exactly as that version left them
    // (a pending import with every field, a confirmed terminal export, a recorded history task, a task never seen).
    private const string FileBeforeClaimFormat = """
        CREATE TABLE tasks (
            task_id     TEXT PRIMARY KEY NOT NULL,
            graph_id    TEXT NULL,
            version     INTEGER NOT NULL,
            snapshot    TEXT NULL,
            tracked_at  INTEGER NOT NULL,
            changed_at  INTEGER NULL,
            pending     TEXT NULL,
            expires_at  INTEGER NULL,
            active      INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX tasks_active ON tasks (active) WHERE active = 1;
        CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NULL) STRICT;
        INSERT INTO tasks VALUES ('t-pending001', 'g-0123456789', 1, '{"taskId":"t-pending001","graphId":"g-0123456789","kind":"Import","status":"EXPORTING","statusReason":"why","format":"PARQUET","parquetType":"COLUMNAR","destination":"s3://exports-bucket/graph/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555","roleArn":"arn:aws:iam::123456789012:role/NeptuneExport","progressPercentage":40,"timeElapsedSeconds":3723,"numVerticesWritten":1234567,"numEdgesWritten":7654321,"startTime":"2026-03-01T12:00:00.123+00:00"}', 1772366400000, 1772366401000, '{"notificationId":"n-1","previousStatus":"INITIALIZING","snapshot":{"taskId":"t-pending001","graphId":"g-0123456789","kind":"Import","status":"EXPORTING","statusReason":"why","format":"PARQUET","parquetType":"COLUMNAR","destination":"s3://exports-bucket/graph/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555","roleArn":"arn:aws:iam::123456789012:role/NeptuneExport","progressPercentage":40,"timeElapsedSeconds":3723,"numVerticesWritten":1234567,"numEdgesWritten":7654321,"startTime":"2026-03-01T12:00:00.123+00:00"},"version":1,"detectedAt":"2026-03-01T12:00:01+00:00","leaseUntil":"2026-03-01T12:05:00+00:00","taskId":"t-pending001"}', NULL, 1);
        INSERT INTO tasks VALUES ('t-done000001', 'g-abcde12345', 1, '{"taskId":"t-done000001","graphId":"g-abcde12345","kind":"Export","status":"SUCCEEDED"}', 1772366400000, 1772366402000, NULL, 1773576000000, 0);
        INSERT INTO tasks VALUES ('t-fresh00001', NULL, 0, NULL, 1772366400000, NULL, NULL, NULL, 1);
        INSERT INTO tasks VALUES ('t-history001', 'g-abcde12345', 1, '{"taskId":"t-history001","graphId":"g-abcde12345","kind":"Export","status":"FAILED","statusReason":"old"}', 1772366400000, 1772366400000, NULL, 1773576000000, 0);
        INSERT INTO meta VALUES ('resume-from', 't-fresh00001');
        INSERT INTO meta VALUES ('graph-followed-since/g-abcde12345', '1772366400000');
        """;

    private static readonly TaskSnapshot OldPendingSnapshot = TestData.Snapshot("t-pending001", NeptuneTaskStatus.Exporting) with
    {
        Kind = TaskKind.Import,
        StatusReason = "why",
        StartTime = TestData.Start.AddMilliseconds(123),
    };

    private static readonly PendingNotification OldPending =
        new("n-1", new NeptuneTaskStatus("INITIALIZING"), OldPendingSnapshot, 1, TestData.Start.AddSeconds(1), TestData.Start.AddMinutes(5));

    // The snapshot above in format 1, as a lease move or a confirmation rewrites it.
    private const string RewrittenSnapshot =
        """{"status":"EXPORTING","kind":"import","graphId":"g-0123456789","statusReason":"why","format":"PARQUET","parquetType":"COLUMNAR","destination":"s3://exports-bucket/graph/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555","roleArn":"arn:aws:iam::123456789012:role/NeptuneExport","progressPercentage":40,"timeElapsedSeconds":3723,"numVerticesWritten":1234567,"numEdgesWritten":7654321,"startTime":"2026-03-01T12:00:00.1230000+00:00"}""";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("neptune-notifier-claims-");
    private readonly FakeTimeProvider time = new(TestData.Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string StorePath => Path.Combine(folder.FullName, "state.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task OpenAsync_FileWrittenBeforeClaimFormat_ReadsEveryTaskAsItWasWritten()
    {
        await ExecuteAsync(FileBeforeClaimFormat);

        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);

        var pending = (await store.GetAsync("t-pending001", Token)).ShouldNotBeNull();
        pending.ShouldBe(new TrackedTask("t-pending001", TestData.GraphId, 1, OldPendingSnapshot, TestData.Start, TestData.Start.AddSeconds(1), OldPending, null));
        (await store.GetAsync("t-done000001", Token)).ShouldBe(new TrackedTask(
            "t-done000001",
            "g-abcde12345",
            1,
            new TaskSnapshot { TaskId = "t-done000001", GraphId = "g-abcde12345", Status = NeptuneTaskStatus.Succeeded },
            TestData.Start,
            TestData.Start.AddSeconds(2),
            null,
            TestData.Start.AddDays(14)));
        (await store.GetAsync("t-history001", Token)).ShouldNotBeNull().Snapshot.ShouldBe(
            new TaskSnapshot { TaskId = "t-history001", GraphId = "g-abcde12345", Status = NeptuneTaskStatus.Failed, StatusReason = "old" });
        var active = await store.LoadActiveAsync(Token);
        active.Tasks.Select(t => t.TaskId).ShouldBe(["t-pending001", "t-fresh00001"], ignoreOrder: true);
        active.ResumeFrom.ShouldBe("t-fresh00001");
        (await store.FollowGraphAsync("g-abcde12345", TaskKind.Export, TestData.Start.AddDays(1), Token)).ShouldBe(TestData.Start);
    }

    [Fact]
    public async Task TryRenewLeaseAsync_RowWrittenBeforeClaimFormat_RewritesTheWholeClaimInFormatOne()
    {
        await ExecuteAsync(FileBeforeClaimFormat);
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        var newLease = TestData.Start.AddMinutes(10);

        (await store.TryRenewLeaseAsync("t-pending001", "n-1", OldPending.LeaseUntil, newLease, Token)).ShouldNotBeNull();

        (await store.GetAsync("t-pending001", Token)).ShouldNotBeNull().Pending.ShouldBe(OldPending with { LeaseUntil = newLease });
        var row = await ReadClaimColumnsAsync("t-pending001");
        row.Format.ShouldBe(1);
        row.Snapshot.ShouldBe(RewrittenSnapshot);
        row.Pending.ShouldBe("""{"notificationId":"n-1","version":1,"detectedAt":"2026-03-01T12:00:01.0000000+00:00","leaseUntil":"2026-03-01T12:10:00.0000000+00:00","previousStatus":"INITIALIZING"}""");
    }

    [Fact]
    public async Task OpenReadOnly_FileWrittenBeforeClaimFormat_ListsItsActiveTasksAndLeavesTheFileAsItWas()
    {
        await ExecuteAsync(FileBeforeClaimFormat);
        var bytes = await File.ReadAllBytesAsync(StorePath, Token);

        var active = await SqliteTaskStateStore.OpenReadOnly(StorePath, time).LoadActiveAsync(Token);

        active.Tasks.Select(task => task.TaskId).ShouldBe(["t-pending001", "t-fresh00001"], ignoreOrder: true);
        active.Tasks.Single(task => task.TaskId == "t-pending001").Pending.ShouldBe(OldPending);
        active.ResumeFrom.ShouldBe("t-fresh00001");
        (await File.ReadAllBytesAsync(StorePath, Token)).ShouldBe(bytes);
    }

    [Fact]
    public async Task CompleteAsync_RowWrittenBeforeClaimFormat_CompletesAndKeepsTheSnapshot()
    {
        await ExecuteAsync(FileBeforeClaimFormat);
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);

        (await store.CompleteAsync("t-pending001", "n-1", new TaskCompletion.StillActive(), Token)).ShouldBeTrue();

        var task = (await store.GetAsync("t-pending001", Token)).ShouldNotBeNull();
        task.Pending.ShouldBeNull();
        task.Snapshot.ShouldBe(OldPendingSnapshot);
        task.IsActive.ShouldBeTrue();
        (await ReadClaimColumnsAsync("t-pending001")).ShouldBe((1L, RewrittenSnapshot, (string?)null));
    }

    [Fact]
    public async Task TryClaimAsync_NewFile_WritesFormatOneColumnsWithoutCopies()
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await store.TrackAsync([new TaskToTrack("t-claimed001")], TestData.Start, Token);
        var snapshot = new TaskSnapshot { TaskId = "t-claimed001", GraphId = "g-abcde12345", Status = NeptuneTaskStatus.Exporting };

        (await store.TryClaimAsync(new PendingNotification("n-2", null, snapshot, 1, TestData.Start, TestData.Start.AddMinutes(2)), 0, Token)).ShouldBeTrue();

        (await ReadClaimColumnsAsync("t-claimed001")).ShouldBe((
            1L,
            """{"status":"EXPORTING","kind":"export","graphId":"g-abcde12345"}""",
            """{"notificationId":"n-2","version":1,"detectedAt":"2026-03-01T12:00:00.0000000+00:00","leaseUntil":"2026-03-01T12:02:00.0000000+00:00"}"""));
    }

    [Fact]
    public async Task GetAsync_RowInUnknownClaimFormat_FailsNamingFileTaskAndFormat()
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await store.RecordFinishedAsync(new TaskSnapshot { TaskId = "t-future0001", GraphId = "g-abcde12345", Status = NeptuneTaskStatus.Succeeded }, TestData.Start, TestData.Start.AddDays(1), Token);
        await ExecuteAsync("UPDATE tasks SET claim_format = 4 WHERE task_id = 't-future0001'");

        var exception = await Should.ThrowAsync<InvalidDataException>(() => store.GetAsync("t-future0001", Token));

        exception.Message.ShouldContain(store.Path);
        exception.Message.ShouldContain("task t-future0001");
        exception.Message.ShouldContain("format 4");
    }

    [Fact]
    public async Task GetAsync_DamagedSnapshotColumn_FailsNamingFileTaskAndColumn()
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await store.TrackAsync([new TaskToTrack("t-damaged001")], TestData.Start, Token);
        await ExecuteAsync("UPDATE tasks SET snapshot = '{\"status\":', claim_format = 1 WHERE task_id = 't-damaged001'");

        var exception = await Should.ThrowAsync<InvalidDataException>(() => store.GetAsync("t-damaged001", Token));

        exception.Message.ShouldStartWith($"State file '{store.Path}', task 't-damaged001': column 'snapshot' is damaged");
    }

    [Theory]
    [InlineData("UPDATE tasks SET snapshot = '{\"status\":', claim_format = 1 WHERE task_id = 't-damaged001'", "column 'snapshot' is damaged")]
    [InlineData("UPDATE tasks SET claim_format = 4 WHERE task_id = 't-damaged001'", "format 4")]
    public async Task LoadActiveAsync_OneUnreadableRow_LoadsTheOthersAndNamesIt(string damage, string problem)
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await store.TrackAsync([new TaskToTrack("t-damaged001"), new TaskToTrack("t-healthy001")], TestData.Start, Token);
        await ExecuteAsync(damage);

        foreach (var active in new[] { await store.LoadActiveAsync(Token), await SqliteTaskStateStore.OpenReadOnly(StorePath, time).LoadActiveAsync(Token) })
        {
            active.Tasks.ShouldHaveSingleItem().TaskId.ShouldBe("t-healthy001");
            active.Unreadable.ShouldHaveSingleItem().ShouldContain(problem);
            active.Unreadable[0].ShouldContain("t-damaged001");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    private async Task<(long? Format, string? Snapshot, string? Pending)> ReadClaimColumnsAsync(string taskId)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT claim_format, snapshot, pending FROM tasks WHERE task_id = $id";
        command.Parameters.AddWithValue("$id", taskId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        (await reader.ReadAsync(Token)).ShouldBeTrue();
        return (
            reader.IsDBNull(0) ? null : reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
