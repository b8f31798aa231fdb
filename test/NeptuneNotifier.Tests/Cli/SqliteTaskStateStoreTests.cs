using NeptuneNotifier.Cli.State;
using NeptuneNotifier.Tests.Core;

namespace NeptuneNotifier.Tests.Cli;

/// <summary>The embedded store keeps the same contract as the DynamoDB store, on a real SQLite file.</summary>
public sealed partial class SqliteTaskStateStoreTests : TaskStateStoreContract, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("neptune-notifier-sqlite-");
    private readonly FakeTimeProvider time = new(TestData.Start);

    private string StorePath => Path.Combine(folder.FullName, "state.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task TryClaimAsync_TwoStoresOnOneFile_OnlyOneWins()
    {
        var first = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        var second = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        var taskId = TestData.NewTaskId();
        await first.TrackAsync([new TaskToTrack(taskId)], TestData.Start, Token);
        // Eight cycles, each with a claim of its own (a notification id is new for every claim).
        var claims = Enumerable.Range(0, 8)
            .Select(i => (i % 2 == 0 ? first : second).TryClaimAsync(
                TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting)) with { NotificationId = $"0196a0b0c0d07e8f9a0b1c2d3e4f5a{i:x2}" },
                0,
                Token));

        var results = await Task.WhenAll(claims);

        results.Count(won => won).ShouldBe(1);
        (await second.GetAsync(taskId, Token))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task OpenAsync_ExistingFile_KeepsTasksAcrossRestarts()
    {
        var taskId = TestData.NewTaskId();
        var before = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await before.TrackAsync([new TaskToTrack(taskId, "g-abcde12345")], TestData.Start, Token);
        await before.DisposeAsync();

        var after = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);

        (await after.GetAsync(taskId, Token)).ShouldNotBeNull().GraphId.ShouldBe("g-abcde12345");
    }

    // The operator's mistake shows with the file it concerns: SQLite's own messages ("file is not a database") name none.
    [Theory]
    [InlineData("not a database", "file is not a database")]
    [InlineData("a folder", "unable to open database file")]
    [InlineData("below a file", "state.db")]
    public async Task OpenAsync_PathThatIsNoStore_FailsNamingTheFile(string what, string expected)
    {
        var path = what switch
        {
            "not a database" => StorePath,
            "a folder" => Directory.CreateDirectory(StorePath).FullName,
            _ => Path.Combine(StorePath, "state.db"),
        };
        if (what != "a folder")
        {
            await File.WriteAllTextAsync(StorePath, "name,status\nt-abcdefghij,SUCCEEDED\n", Token);
        }

        var error = await Should.ThrowAsync<IOException>(() => SqliteTaskStateStore.OpenAsync(path, time, Token));

        error.Message.ShouldStartWith($"The embedded store {path} cannot be opened: ");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task LoadActiveAsync_ExpiredTerminalTask_IsForgotten()
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], TestData.Start, Token);
        var pending = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded));
        (await store.TryClaimAsync(pending, 0, Token)).ShouldBeTrue();
        (await store.CompleteAsync(taskId, pending.NotificationId, new TaskCompletion.Terminal(TestData.Start.AddDays(14)), Token)).ShouldBeTrue();

        time.Advance(TimeSpan.FromDays(13));
        await store.LoadActiveAsync(Token);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        time.Advance(TimeSpan.FromDays(2));
        await store.LoadActiveAsync(Token);

        (await store.GetAsync(taskId, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task LoadActiveAsync_ExpiredListingCount_IsForgotten()
    {
        var store = await SqliteTaskStateStore.OpenAsync(StorePath, time, Token);
        await store.SetListingPagesAsync(TestData.GraphId, 4, time.GetUtcNow().AddDays(14), Token);

        time.Advance(TimeSpan.FromDays(13));
        var kept = await store.LoadActiveAsync(Token);
        time.Advance(TimeSpan.FromDays(2));
        var expired = await store.LoadActiveAsync(Token);

        kept.ListingPages.ShouldContainKeyAndValue(TestData.GraphId, 4);
        expired.ListingPages.ShouldBeEmpty();
    }

    protected override async Task<ITaskStateStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        await SqliteTaskStateStore.OpenAsync(Path.Combine(folder.FullName, $"{Guid.NewGuid():N}.db"), time, cancellationToken);
}
