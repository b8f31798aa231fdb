using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// The DynamoDB store keeps the store contract, on dynalite, in a table created from template.yaml; and how a claim lies
/// in an item (the claim codec's format 1 as attributes, docs/state-schema.md), items claimed before the format was
/// recorded reading as format 1 and keeping working with the outbox.
/// </summary>
public sealed class DynamoDbTaskStateStoreTests(DynaliteFixture dynalite) : DynamoDbStoreContract
{
    private const string ClaimTaskId = "t-claimfmt01";

    private static readonly TaskSnapshot ClaimSnapshot = new()
    {
        TaskId = ClaimTaskId,
        GraphId = TestData.GraphId,
        Kind = TaskKind.Import,
        Status = NeptuneTaskStatus.Failed,
        StatusReason = "out of memory",
        Format = "CSV",
        ProgressPercentage = 40,
        NumVerticesWritten = 12,
        StartTime = TestData.Start.AddHours(-1),
    };

    private static readonly PendingNotification ClaimPending =
        new("n-1", NeptuneTaskStatus.Exporting, ClaimSnapshot, 2, TestData.Start, TestData.Start.AddMinutes(2));

    // One damaged item must not stop every other task's notifications: it is named, and the others load.
    [Fact]
    public async Task LoadActiveAsync_MalformedItem_LoadsTheOthersAndNamesItsTableItemAndAttribute()
    {
        var (client, table, store) = await CreateAsync();
        var healthy = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(healthy, TestData.GraphId)], TestData.Start, Token);
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

        var active = await store.LoadActiveAsync(Token);

        active.Tasks.ShouldHaveSingleItem().TaskId.ShouldBe(healthy);
        var problem = active.Unreadable.ShouldHaveSingleItem();
        problem.ShouldContain(table);
        problem.ShouldContain("t-broken0000");
        problem.ShouldContain("'version'");
        await Should.ThrowAsync<InvalidDataException>(() => store.GetAsync("t-broken0000", Token));
    }

    [Fact]
    public async Task CompleteAsync_Terminal_WritesEpochSecondsTtlAndLeavesIndex()
    {
        var (client, table, store) = await CreateAsync();
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], TestData.Start, Token);
        var pending = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded));
        await store.TryClaimAsync(pending, 0, Token);

        await store.CompleteAsync(taskId, pending.NotificationId, new TaskCompletion.Terminal(TestData.Start.AddDays(14)), Token);

        var item = await ReadItemAsync(client, table, taskId);
        item[StateTableSchema.ExpiresAt].N.ShouldBe(TestData.Start.AddDays(14).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        item.ShouldNotContainKey(StateTableSchema.Active);
        item.ShouldNotContainKey("pending");
    }

    [Fact]
    public async Task SetListingPagesAsync_Count_IsAnIndexedItemWithItsTtlReadByTheOneQuery()
    {
        var counter = new RequestCounter();
        using var client = DynaliteClients.Create(dynalite.Endpoint, counter);
        var table = await DynaliteClients.CreateStateTableAsync(client, Token);
        var store = new DynamoDbTaskStateStore(client, table);
        await store.TrackAsync([new TaskToTrack(TestData.NewTaskId(), TestData.GraphId)], TestData.Start, Token);

        await store.SetListingPagesAsync(TestData.GraphId, 12, TestData.Start.AddDays(14), Token);
        counter.Reset();
        var active = await store.LoadActiveAsync(Token);

        counter.Snapshot().ShouldBe(new Dictionary<string, int> { ["Query"] = 1 }, "the count comes with the tasks, at no read of its own");
        active.ListingPages.ShouldBe(new Dictionary<string, int> { [TestData.GraphId] = 12 });
        var item = await ReadItemAsync(client, table, StateTableSchema.ListingItemKeyPrefix + TestData.GraphId);
        item[StateTableSchema.Active].S.ShouldBe("1");
        item["listingPages"].N.ShouldBe("12");
        item[StateTableSchema.ExpiresAt].N.ShouldBe(TestData.Start.AddDays(14).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LoadActiveAsync_UnreadableListingItem_IsIgnored()
    {
        var (client, table, store) = await CreateAsync();
        await client.PutItemAsync(new()
        {
            TableName = table,
            Item = new()
            {
                [StateTableSchema.TaskId] = new() { S = StateTableSchema.ListingItemKeyPrefix + TestData.GraphId },
                [StateTableSchema.Active] = new() { S = "1" },
                ["listingPages"] = new() { S = "many" },
            },
        }, Token);

        var active = await store.LoadActiveAsync(Token);

        (active.Tasks.Count, active.ListingPages.Count).ShouldBe((0, 0));
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
        using var client = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());

        var exception = Should.Throw<ArgumentException>(() => new DynamoDbTaskStateStore(client, name));

        exception.Message.ShouldContain($"'{name}'");
    }

    [Fact]
    public async Task TryClaimAsync_Transition_WritesFormatOneAttributes()
    {
        var (client, table, store) = await CreateAsync();
        await store.TrackAsync([new TaskToTrack(ClaimTaskId)], TestData.Start, Token);
        await store.TryClaimAsync(ClaimPending with { Version = 1 }, 0, Token);

        var item = await ReadItemAsync(client, table);

        item["claimFormat"].N.ShouldBe("1");
        Describe(item["snapshot"]).ShouldBe(Describe(SnapshotAttribute()));
        Describe(item["pending"]).ShouldBe(Describe(PendingAttribute(version: 1)));
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_FirstAndSecondChannel_WriteFormatTwoAndCompletionWritesFormatOneAgain()
    {
        var (client, table, store) = await CreateAsync();
        await store.TrackAsync([new TaskToTrack(ClaimTaskId)], TestData.Start, Token);
        var claimed = ClaimPending with { Version = 1 };
        await store.TryClaimAsync(claimed, 0, Token);

        (await store.TryRecordDeliveryAsync(claimed, "sns", "m-1", Token)).ShouldBeTrue();
        (await store.TryRecordDeliveryAsync(claimed, "eventbridge", "e-1", Token)).ShouldBeTrue();

        var item = await ReadItemAsync(client, table);
        item["claimFormat"].N.ShouldBe("2");
        var expected = PendingAttribute(version: 1);
        expected.M["delivered"] = new AttributeValue { M = new() { ["sns"] = new() { S = "m-1" }, ["eventbridge"] = new() { S = "e-1" } } };
        Describe(item["pending"]).ShouldBe(Describe(expected));

        (await store.CompleteAsync(ClaimTaskId, "n-1", new TaskCompletion.StillActive(), Token)).ShouldBeTrue();

        item = await ReadItemAsync(client, table);
        item["claimFormat"].N.ShouldBe("1");
        item.ShouldNotContainKey("pending");
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_AlertClaim_KeepsFormatThreeAndTheAlert()
    {
        var (client, table, store) = await CreateAsync();
        await store.TrackAsync([new TaskToTrack(ClaimTaskId)], TestData.Start, Token);
        var alert = ClaimPending with { Version = 1, Alert = new NeptuneNotifier.Core.Alerts.TaskAlert.Overdue(TimeSpan.FromHours(3), TimeSpan.FromHours(2)) };
        await store.TryClaimAsync(alert, 0, Token);

        (await store.TryRecordDeliveryAsync(alert, "sns", "m-1", Token)).ShouldBeTrue();
        (await store.TryRecordDeliveryAsync(alert, "eventbridge", "e-1", Token)).ShouldBeTrue();

        (await ReadItemAsync(client, table))["claimFormat"].N.ShouldBe("3", "a version that knows no alerts must still refuse it");
        (await store.GetAsync(ClaimTaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(alert with { Delivered = DeliveredChannels.None.With("sns", "m-1").With("eventbridge", "e-1") });
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_ItemClaimedBeforeClaimFormat_AddsTheMapAndReadsBack()
    {
        var (client, table, store) = await CreateAsync();
        await PutItemClaimedBeforeClaimFormatAsync(client, table);

        (await store.TryRecordDeliveryAsync(ClaimPending, "sns", "m-1", Token)).ShouldBeTrue();

        (await store.GetAsync(ClaimTaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(ClaimPending with { Delivered = DeliveredChannels.None.With("sns", "m-1") });
    }

    [Fact]
    public async Task RecordFinishedAsync_History_WritesFormatOneAttributes()
    {
        var (client, table, store) = await CreateAsync();

        (await store.RecordFinishedAsync(ClaimSnapshot, TestData.Start, TestData.Start.AddDays(1), Token)).ShouldBeTrue();

        var item = await ReadItemAsync(client, table);
        item["claimFormat"].N.ShouldBe("1");
        Describe(item["snapshot"]).ShouldBe(Describe(SnapshotAttribute()));
        item.ShouldNotContainKey("pending");
    }

    [Fact]
    public async Task GetAsync_ItemClaimedBeforeClaimFormat_ReadsAsFormatOneAndKeepsWorking()
    {
        var (client, table, store) = await CreateAsync();
        await PutItemClaimedBeforeClaimFormatAsync(client, table);

        var task = (await store.GetAsync(ClaimTaskId, Token)).ShouldNotBeNull();

        task.ShouldBe(new TrackedTask(ClaimTaskId, TestData.GraphId, 2, ClaimSnapshot, TestData.Start.AddHours(-2), TestData.Start, ClaimPending, null));
        var lease = TestData.Start.AddMinutes(7);
        (await store.TryRenewLeaseAsync(ClaimTaskId, "n-1", ClaimPending.LeaseUntil, lease, Token)).ShouldBe(ClaimPending with { LeaseUntil = lease });
        (await store.GetAsync(ClaimTaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(ClaimPending with { LeaseUntil = lease });
        (await store.CompleteAsync(ClaimTaskId, "n-1", new TaskCompletion.Terminal(TestData.Start.AddDays(14)), Token)).ShouldBeTrue();
        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadActiveAsync_ItemInUnknownClaimFormat_LeavesItOutNamingTableTaskAndFormat()
    {
        var (client, table, store) = await CreateAsync();
        await PutItemClaimedBeforeClaimFormatAsync(client, table, claimFormat: "4");

        var active = await store.LoadActiveAsync(Token);

        active.Tasks.ShouldBeEmpty();
        var problem = active.Unreadable.ShouldHaveSingleItem();
        problem.ShouldContain($"State table '{table}'");
        problem.ShouldContain($"task {ClaimTaskId}");
        problem.ShouldContain("format 4");
    }

    // The item as the store wrote it before claimFormat existed, attribute by attribute.
    private static async Task PutItemClaimedBeforeClaimFormatAsync(IAmazonDynamoDB client, string table, string? claimFormat = null)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["taskId"] = new() { S = ClaimTaskId },
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
            ["version"] = new() { N = version.ToString(CultureInfo.InvariantCulture) },
            ["previousStatus"] = new() { S = "EXPORTING" },
            ["detectedAt"] = new() { S = "2026-03-01T12:00:00.0000000+00:00" },
            ["leaseUntil"] = new() { S = "2026-03-01T12:02:00.0000000+00:00" },
        },
    };

    // A map as sorted "name=type:value" lines (a nested map in braces), so two maps compare by content and a difference shows by name.
    private static string Describe(AttributeValue map) =>
        string.Join('\n', map.M.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={(e.Value.S is { } s ? "S:" + s : e.Value.N is { } n ? "N:" + n : "M:{" + Describe(e.Value) + "}")}"));

    private async Task<(IAmazonDynamoDB Client, string Table, DynamoDbTaskStateStore Store)> CreateAsync()
    {
        var client = await ClientAsync(Token);
        var table = await DynaliteClients.CreateStateTableAsync(client, Token);
        return (client, table, new DynamoDbTaskStateStore(client, table));
    }

    private static async Task<Dictionary<string, AttributeValue>> ReadItemAsync(IAmazonDynamoDB client, string table, string key = ClaimTaskId) =>
        (await client.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { [StateTableSchema.TaskId] = new() { S = key } }, ConsistentRead = true }, Token)).Item;

    protected override Task<Uri> EndpointAsync(CancellationToken cancellationToken) => Task.FromResult(dynalite.Endpoint);
}
