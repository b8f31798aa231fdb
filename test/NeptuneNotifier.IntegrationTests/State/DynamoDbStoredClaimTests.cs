using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Core;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// How a claim lies in a DynamoDB item (the claim codec's format 1 as attributes, docs/state-schema.md), and that items
/// claimed before the format was recorded read as format 1 and keep working with the outbox.
/// </summary>
public sealed class DynamoDbStoredClaimTests(DynaliteFixture dynalite) : IDisposable
{
    private const string TaskId = "t-claimfmt01";

    private static readonly TaskSnapshot Snapshot = new()
    {
        TaskId = TaskId,
        GraphId = TestData.GraphId,
        Kind = TaskKind.Import,
        Status = NeptuneTaskStatus.Failed,
        StatusReason = "out of memory",
        Format = "CSV",
        ProgressPercentage = 40,
        NumVerticesWritten = 12,
        StartTime = TestData.Start.AddHours(-1),
    };

    private static readonly PendingNotification Pending =
        new("n-1", NeptuneTaskStatus.Exporting, Snapshot, 2, TestData.Start, TestData.Start.AddMinutes(2));

    private readonly AmazonDynamoDBClient client = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task TryClaimAsync_Transition_WritesFormatOneAttributes()
    {
        var (table, store) = await CreateAsync();
        await store.TrackAsync([new TaskToTrack(TaskId)], TestData.Start, Token);
        await store.TryClaimAsync(Pending with { Version = 1 }, 0, Token);

        var item = await ReadItemAsync(table);

        item["claimFormat"].N.ShouldBe("1");
        Describe(item["snapshot"]).ShouldBe(Describe(SnapshotAttribute()));
        Describe(item["pending"]).ShouldBe(Describe(PendingAttribute(version: 1)));
    }

    [Fact]
    public async Task RecordFinishedAsync_History_WritesFormatOneAttributes()
    {
        var (table, store) = await CreateAsync();

        (await store.RecordFinishedAsync(Snapshot, TestData.Start, TestData.Start.AddDays(1), Token)).ShouldBeTrue();

        var item = await ReadItemAsync(table);
        item["claimFormat"].N.ShouldBe("1");
        Describe(item["snapshot"]).ShouldBe(Describe(SnapshotAttribute()));
        item.ShouldNotContainKey("pending");
    }

    [Fact]
    public async Task GetAsync_ItemClaimedBeforeClaimFormat_ReadsAsFormatOneAndKeepsWorking()
    {
        var (table, store) = await CreateAsync();
        await PutItemClaimedBeforeClaimFormatAsync(table);

        var task = (await store.GetAsync(TaskId, Token)).ShouldNotBeNull();

        task.ShouldBe(new TrackedTask(TaskId, TestData.GraphId, 2, Snapshot, TestData.Start.AddHours(-2), TestData.Start, Pending, null));
        var lease = TestData.Start.AddMinutes(7);
        (await store.TryRenewLeaseAsync(TaskId, "n-1", Pending.LeaseUntil, lease, Token)).ShouldBeTrue();
        (await store.GetAsync(TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(Pending with { LeaseUntil = lease });
        (await store.CompleteAsync(TaskId, "n-1", new TaskCompletion.Terminal(TestData.Start.AddDays(14)), Token)).ShouldBeTrue();
        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadActiveAsync_ItemInUnknownClaimFormat_FailsNamingTableTaskAndFormat()
    {
        var (table, store) = await CreateAsync();
        await PutItemClaimedBeforeClaimFormatAsync(table, claimFormat: "2");

        var exception = await Should.ThrowAsync<InvalidDataException>(() => store.LoadActiveAsync(Token));

        exception.Message.ShouldContain($"State table '{table}'");
        exception.Message.ShouldContain($"task {TaskId}");
        exception.Message.ShouldContain("format 2");
    }

    // The item as the store wrote it before claimFormat existed, attribute by attribute.
    private async Task PutItemClaimedBeforeClaimFormatAsync(string table, string? claimFormat = null)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["taskId"] = new() { S = TaskId },
            ["graphId"] = new() { S = TestData.GraphId },
            ["version"] = new() { N = "2" },
            ["status"] = new() { S = "FAILED" },
            ["trackedAt"] = new() { S = "2026-03-01T10:00:00.0000000+00:00" },
            ["changedAt"] = new() { S = "2026-03-01T12:00:00.0000000+00:00" },
            ["active"] = new() { S = "1" },
            ["snapshot"] = SnapshotAttribute(),
            ["pending"] = PendingAttribute(version: 2),
        };
        if (claimFormat is not null)
        {
            item["claimFormat"] = new() { N = claimFormat };
        }

        await client.PutItemAsync(new PutItemRequest { TableName = table, Item = item }, Token);
    }

    private static AttributeValue SnapshotAttribute() => new()
    {
        M = new()
        {
            ["status"] = new() { S = "FAILED" },
            ["kind"] = new() { S = "import" },
            ["graphId"] = new() { S = TestData.GraphId },
            ["statusReason"] = new() { S = "out of memory" },
            ["format"] = new() { S = "CSV" },
            ["progressPercentage"] = new() { N = "40" },
            ["numVerticesWritten"] = new() { N = "12" },
            ["startTime"] = new() { S = "2026-03-01T11:00:00.0000000+00:00" },
        },
    };

    private static AttributeValue PendingAttribute(long version) => new()
    {
        M = new()
        {
            ["notificationId"] = new() { S = "n-1" },
            ["version"] = new() { N = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["previousStatus"] = new() { S = "EXPORTING" },
            ["detectedAt"] = new() { S = "2026-03-01T12:00:00.0000000+00:00" },
            ["leaseUntil"] = new() { S = "2026-03-01T12:02:00.0000000+00:00" },
        },
    };

    // A map as sorted "name=type:value" lines, so two maps compare by content and a difference shows by name.
    private static string Describe(AttributeValue map) =>
        string.Join('\n', map.M.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={(e.Value.S is { } s ? "S:" + s : "N:" + e.Value.N)}"));

    private async Task<(string Table, DynamoDbTaskStateStore Store)> CreateAsync()
    {
        var table = await DynaliteClients.CreateStateTableAsync(client, Token);
        return (table, new DynamoDbTaskStateStore(client, table));
    }

    private async Task<Dictionary<string, AttributeValue>> ReadItemAsync(string table) =>
        (await client.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["taskId"] = new() { S = TaskId } }, ConsistentRead = true }, Token)).Item;
}
