namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// The published Native AOT <c>bootstrap</c> with <c>EVENT_BUS_NAME</c>, tried as a new user would: a fake event bus
/// reached through <c>AWS_ENDPOINT_URL_EVENTBRIDGE</c> next to the fake SNS topic, each channel failing on its own.
/// A transition goes to each channel once; a channel that failed is retried alone, and the other is never repeated.
/// </summary>
public sealed class EventBusBootstrapTests(DynaliteFixture dynalite)
    : BootstrapTest(new LocalCloud(dynalite) { Credentials = new BasicAWSCredentials("AKIDBUSBOOTSTRAP", "bus-bootstrap-secret") })
{
    private const string GraphId = "g-abcde12345";
    private const string TaskId = "t-0a1b2c3d4e";
    private const string Bus = "analytics-events";

    public override async ValueTask InitializeAsync() =>
        await Cloud.StartEmulatorAsync(
            new EmulatorOptions(Scenario: new EmulatorScenario([new ScenarioGraph(GraphId, "analytics-graph")], [new ScenarioExportTask(GraphId, TaskId: TaskId)])),
            Token);

    [Fact]
    public async Task Bootstrap_TopicAndBus_ATransitionGivesExactlyOneEventAndOneSnsMessage()
    {
        await StartAsync(withTopic: true);

        var poll = await PollAsync();
        var again = await PollAsync();

        poll.GetProperty("published").GetInt32().ShouldBe(1, poll.ToString());
        again.GetProperty("published").GetInt32().ShouldBe(0, again.ToString());
        var message = Cloud.Sns.Published.ShouldHaveSingleItem();
        var put = Cloud.Bus.Events.ShouldHaveSingleItem();
        Cloud.Bus.Requests.Count.ShouldBe(1);
        Cloud.Bus.Requests[0].Header("X-Amz-Target").ShouldBe("AWSEvents.PutEvents");
        Cloud.Bus.Requests[0].Header("Authorization").ShouldNotBeNull().ShouldContain($"/{TestAccount.Region}/events/aws4_request");
        put.EventBusName.ShouldBe(Bus);
        put.Source.ShouldBe("neptune-notifier");
        put.DetailType.ShouldBe("Neptune Analytics Export Task State Change");
        // The account of the invoked function's ARN (the Runtime API's Lambda-Runtime-Invoked-Function-Arn header, TestAccount.FunctionArn).
        put.Resources.ShouldBe([$"arn:aws:neptune-graph:{TestAccount.Region}:{TestAccount.Id}:export-task/{TaskId}", $"arn:aws:neptune-graph:{TestAccount.Region}:{TestAccount.Id}:graph/{GraphId}"]);
        put.Event.ShouldBe(message.Event);
        JsonDocument.Parse(put.Detail).RootElement.GetProperty("notificationId").GetString()
            .ShouldBe(JsonDocument.Parse(message.Member("sqs")).RootElement.GetProperty("notificationId").GetString());
    }

    [Fact]
    public async Task Bootstrap_EventBridgeOutage_NoSnsMessageRepeatedAndTheEventArrivesOnceAfterIt()
    {
        var down = true;
        Cloud.Bus.Refuse = _ => Volatile.Read(ref down) ? FakeEventBus.Error(500, "InternalException", "Simulated outage.") : null;
        await StartAsync(withTopic: true);

        var during = await PollAsync();
        var stillDown = await PollAsync();
        var requestsDuringOutage = Cloud.Bus.Requests.Count;
        Volatile.Write(ref down, false);
        var after = await PollAsync();
        var later = await PollAsync();

        during.GetProperty("failed").GetInt32().ShouldBe(1, during.ToString());
        stillDown.GetProperty("failed").GetInt32().ShouldBe(1, stillDown.ToString());
        requestsDuringOutage.ShouldBeGreaterThanOrEqualTo(2);
        (after.GetProperty("republished").GetInt32(), after.GetProperty("failed").GetInt32()).ShouldBe((1, 0), after.ToString());
        later.GetProperty("republished").GetInt32().ShouldBe(0, later.ToString());
        Cloud.Sns.Requests.Count.ShouldBe(1, "SNS took the message in the first cycle and is never asked again");
        Cloud.Bus.Events.ShouldHaveSingleItem().Event.TaskId.ShouldBe(TaskId);
        Cloud.Bus.Requests.Count.ShouldBe(requestsDuringOutage + 1);
    }

    [Fact]
    public async Task Bootstrap_EntryReportedFailed_IsPutAgainOnce()
    {
        var answered = 0;
        Cloud.Bus.Refuse = request => Interlocked.Increment(ref answered) == 1 ? FakeEventBus.FailedEntries(request, "ThrottlingException", "Rate exceeded") : null;
        await StartAsync(withTopic: true);

        var failed = await PollAsync();
        var next = await PollAsync();
        var after = await PollAsync();

        failed.GetProperty("failed").GetInt32().ShouldBe(1, failed.ToString());
        next.GetProperty("republished").GetInt32().ShouldBe(1, next.ToString());
        after.GetProperty("republished").GetInt32().ShouldBe(0, after.ToString());
        // The failed entry is not retried by the SDK (a 200 answer), only by the next cycle, and only on the bus.
        Cloud.Bus.Requests.Count.ShouldBe(2);
        Cloud.Bus.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("Entries")[0].GetProperty("Detail").GetString()).Distinct().Count()
            .ShouldBe(1, "the same entry is put again");
        Cloud.Bus.Events.ShouldHaveSingleItem();
        Cloud.Sns.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Bootstrap_SnsOutage_NoEventRepeated()
    {
        var down = true;
        Cloud.Sns.Refuse = _ => Volatile.Read(ref down) ? FakeSns.Error(500, "Receiver", "InternalError", "Simulated outage") : null;
        await StartAsync(withTopic: true);

        var during = await PollAsync();
        var stillDown = await PollAsync();
        Volatile.Write(ref down, false);
        var after = await PollAsync();
        var later = await PollAsync();

        during.GetProperty("failed").GetInt32().ShouldBe(1, during.ToString());
        stillDown.GetProperty("failed").GetInt32().ShouldBe(1, stillDown.ToString());
        (after.GetProperty("republished").GetInt32(), after.GetProperty("failed").GetInt32()).ShouldBe((1, 0), after.ToString());
        later.GetProperty("republished").GetInt32().ShouldBe(0, later.ToString());
        Cloud.Bus.Requests.Count.ShouldBe(1, "the bus took the event in the first cycle and is never asked again");
        Cloud.Bus.Events.ShouldHaveSingleItem();
        Cloud.Sns.Published.ShouldHaveSingleItem().Event.TaskId.ShouldBe(TaskId);
    }

    [Fact]
    public async Task Bootstrap_OnlyEventBusName_StartsTracksAndPutsEvents()
    {
        await StartAsync(withTopic: false);

        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromHours(1));
        var first = await PollAsync();
        var second = await PollAsync();

        first.GetProperty("published").GetInt32().ShouldBe(1, first.ToString());
        second.GetProperty("checked").GetInt32().ShouldBe(0, "a terminal task is no longer polled");
        Cloud.Bus.Events.ShouldHaveSingleItem().Event.Status.ShouldBe("SUCCEEDED");
        Cloud.Sns.Requests.ShouldBeEmpty();
        Function.Output.ShouldNotContain("bus-bootstrap-secret");
    }

    private async Task StartAsync(bool withTopic)
    {
        _ = Cloud.Bus;
        await StartFunctionAsync(new Dictionary<string, string?> { ["EVENT_BUS_NAME"] = Bus, ["TOPIC_ARN"] = withTopic ? TestAccount.TopicArn : null });
        var track = await InvokeAsync($$"""{"track":["{{TaskId}}"]}""");
        track.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe([TaskId], track.ToString());
    }
}
