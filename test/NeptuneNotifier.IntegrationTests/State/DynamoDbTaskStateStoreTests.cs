using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Core;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.Tests.Core;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>The DynamoDB store keeps the store contract, on dynalite, in a table created from template.yaml.</summary>
public sealed class DynamoDbTaskStateStoreTests(DynaliteFixture dynalite) : TaskStateStoreContract, IDisposable
{
    private readonly RequestCounter counter = new();
    private readonly List<IDisposable> clients = [];

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task LoadActiveAsync_MalformedItem_FailsNamingTableItemAndAttribute()
    {
        var client = DynaliteClients.Create(dynalite.Endpoint, counter);
        clients.Add(client);
        var table = await DynaliteClients.CreateStateTableAsync(client, Token);
        await client.PutItemAsync(new()
        {
            TableName = table,
            Item = new()
            {
                [StateTableSchema.TaskId] = new() { S = "t-broken0000" },
                [StateTableSchema.Active] = new() { S = "1" },
                ["version"] = new() { S = "not a number" },
                ["trackedAt"] = new() { S = "2026-01-01T00:00:00.0000000+00:00" },
            },
        }, Token);

        var exception = await Should.ThrowAsync<InvalidDataException>(() => new DynamoDbTaskStateStore(client, table).LoadActiveAsync(Token));

        exception.Message.ShouldContain(table);
        exception.Message.ShouldContain("t-broken0000");
        exception.Message.ShouldContain("'version'");
    }

    [Fact]
    public async Task CompleteAsync_Terminal_WritesEpochSecondsTtlAndLeavesIndex()
    {
        var client = DynaliteClients.Create(dynalite.Endpoint, counter);
        clients.Add(client);
        var table = await DynaliteClients.CreateStateTableAsync(client, Token);
        var store = new DynamoDbTaskStateStore(client, table);
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], TestData.Start, Token);
        var pending = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded));
        await store.TryClaimAsync(pending, 0, Token);

        await store.CompleteAsync(taskId, pending.NotificationId, new TaskCompletion.Terminal(TestData.Start.AddDays(14)), Token);

        var item = (await client.GetItemAsync(new() { TableName = table, Key = new() { [StateTableSchema.TaskId] = new() { S = taskId } } }, Token)).Item;
        item[StateTableSchema.ExpiresAt].N.ShouldBe(TestData.Start.AddDays(14).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        item.ShouldNotContainKey(StateTableSchema.Active);
        item.ShouldNotContainKey("pending");
    }

    [Fact]
    public async Task TryClaimAsync_LongestStoredReasonInThreeByteCharacters_FitsTheItem()
    {
        var store = await CreateStoreAsync(Token);
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], TestData.Start, Token);
        var reason = new string('漢', NeptuneNotifier.Core.Polling.PollCycle.MaxStoredReasonChars);
        var pending = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Failed) with { StatusReason = reason });

        (await store.TryClaimAsync(pending, 0, Token)).ShouldBeTrue();

        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Snapshot.ShouldNotBeNull().StatusReason.ShouldBe(reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("bad name")]
    public void Constructor_BadTableName_ThrowsNamingIt(string name)
    {
        using var client = DynaliteClients.Create(dynalite.Endpoint, counter);

        var exception = Should.Throw<ArgumentException>(() => new DynamoDbTaskStateStore(client, name));

        exception.Message.ShouldContain($"'{name}'");
    }

    protected override async Task<ITaskStateStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var client = DynaliteClients.Create(dynalite.Endpoint, counter);
        clients.Add(client);
        return new DynamoDbTaskStateStore(client, await DynaliteClients.CreateStateTableAsync(client, cancellationToken));
    }
}
