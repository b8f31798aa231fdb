using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Tests.Adapters;

public sealed class EventBridgeEventEnvelopeTests
{
    private const string BusArn = $"arn:aws:events:{TestAccount.Region}:{TestAccount.Id}:event-bus/neptune";

    private static readonly NotificationRenderer Renderer = new(new NotificationOptions(TestAccount.Region));

    private readonly EventBridgeEventEnvelope envelope = new(BusArn, TestAccount.Region, TestAccount.Id, Renderer);

    [Fact]
    public void Build_ExportTransition_IsTheAgreedEvent()
    {
        // Arrange
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 4);

        // Act
        var entry = envelope.Build(pending);

        // Assert
        (entry with { Resources = null }).ShouldBe(new PutEventsRequestEntry
        {
            Time = TestData.Start,
            Source = "neptune-notifier",
            DetailType = "Neptune Analytics Export Task State Change",
            Detail = Renderer.Render(pending).MachineEvent,
            EventBusName = BusArn,
        });
        entry.Resources.ShouldBe(
        [
            "arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-abcdefghij",
            "arn:aws:neptune-graph:us-east-1:123456789012:graph/g-0123456789",
        ]);
    }

    [Fact]
    public void Build_Transition_DetailIsTheVersionedMachineEventWithTheAgreedFields()
    {
        // Act
        var entry = envelope.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "denied" }, NeptuneTaskStatus.Exporting, version: 2));

        // Assert
        using var detail = JsonDocument.Parse(entry.Detail);
        var names = detail.RootElement.EnumerateObject().Select(member => member.Name).ToList();
        names.ShouldContain("schemaVersion");
        string[] agreed = ["taskId", "graphId", "status", "previousStatus", "statusReason", "numVerticesWritten", "numEdgesWritten", "progressPercentage", "notificationId", "version"];
        agreed.Where(name => !names.Contains(name)).ShouldBeEmpty();
        (detail.RootElement.GetProperty("status").GetString(), detail.RootElement.GetProperty("previousStatus").GetString()).ShouldBe(("FAILED", "EXPORTING"));
        entry.Detail.ShouldNotContain("\n");
    }

    [Fact]
    public void Build_ImportTask_UsesImportDetailTypeAndImportTaskArn()
    {
        // Arrange
        var snapshot = TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded) with { Kind = TaskKind.Import };

        // Act
        var entry = envelope.Build(TestData.Pending(snapshot));

        // Assert
        entry.DetailType.ShouldBe("Neptune Analytics Import Task State Change");
        entry.Resources.ShouldNotBeNull()[0].ShouldBe("arn:aws:neptune-graph:us-east-1:123456789012:import-task/t-abcdefghij");
    }

    [Fact]
    public void Build_GraphNotKnown_OnlyTheTaskArn()
    {
        // Arrange
        var snapshot = new TaskSnapshot { TaskId = "t-abcdefghij", GraphId = string.Empty, Status = NeptuneTaskStatus.Gone };

        // Act
        var entry = envelope.Build(TestData.Pending(snapshot));

        // Assert
        entry.Resources.ShouldBe(["arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-abcdefghij"]);
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("eu-west-1", "aws")]
    [InlineData("us-iso-east-1", "aws-iso")]
    public void Build_Region_ArnsCarryItsPartition(string region, string partition)
    {
        // Arrange
        var regional = new EventBridgeEventEnvelope("default", region, TestAccount.Id, new NotificationRenderer(new NotificationOptions(region)));

        // Act
        var entry = regional.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded)));

        // Assert
        regional.Partition.ShouldBe(partition);
        entry.Resources.ShouldBe(
        [
            $"arn:{partition}:neptune-graph:{region}:{TestAccount.Id}:export-task/t-abcdefghij",
            $"arn:{partition}:neptune-graph:{region}:{TestAccount.Id}:graph/g-0123456789",
        ]);
        entry.EventBusName.ShouldBe("default");
    }

    [Fact]
    public void Build_SameClaimTwice_SameEntry()
    {
        // Arrange
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Cancelled), NeptuneTaskStatus.Cancelling, version: 9);

        // Act
        var first = envelope.Build(pending);
        var again = envelope.Build(pending with { LeaseUntil = pending.LeaseUntil.AddHours(1) });

        // Assert
        again.ShouldBeEquivalentTo(first);
    }

    [Fact]
    public void Build_HugeStatusReason_CutUntilTheEntryFitsOneCall()
    {
        // Arrange
        var reason = string.Concat(Enumerable.Repeat("Export failed because of a very long and repeated reason. 𝔘✓ ", 400_000 / 60));
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason }, NeptuneTaskStatus.Exporting);

        // Act
        var entry = envelope.Build(pending);

        // Assert
        var size = PutEventsLimits.EntrySize(entry);
        size.ShouldBeLessThan(PutEventsLimits.MaxRequestBytes);
        size.ShouldBeGreaterThan(PutEventsLimits.MaxRequestBytes - 100);
        using var detail = JsonDocument.Parse(entry.Detail);
        detail.RootElement.GetProperty("statusReasonTruncated").GetBoolean().ShouldBeTrue();
        detail.RootElement.GetProperty("statusReason").GetString().ShouldNotBeNull().ShouldContain("more characters cut");
    }

    [Theory]
    [InlineData("", "us-east-1", TestAccount.Id, "eventBusName")]
    [InlineData("bus/with/slash", "us-east-1", TestAccount.Id, "eventBusName")]
    [InlineData("default", "", TestAccount.Id, "region")]
    [InlineData("default", "us-east-1", "", "accountId")]
    [InlineData("default", "us-east-1", "12345678901", "accountId")]
    [InlineData("default", "us-east-1", "12345678901x", "accountId")]
    public void Constructor_InvalidBusRegionOrAccount_ThrowsNamingIt(string bus, string region, string account, string parameter)
    {
        // Act / Assert
        Should.Throw<ArgumentException>(() => new EventBridgeEventEnvelope(bus, region, account, Renderer)).ParamName.ShouldBe(parameter);
    }
}
