using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The SNS channel, over our SNS client, publishing the project's real notifications to moto's SNS, with SQS queues
/// subscribed to read what a subscriber receives: a second, independent SNS beside our capture server, which accepts
/// anything.
/// </summary>
/// <remarks>
/// moto differs from what AWS documents in one place these tests touch: it delivers message attributes with a JSON
/// message structure, in the envelope and as SQS message attributes, where AWS says attributes "are sent only when the
/// message structure is String, not JSON" (https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html).
/// The tests use that to check our attributes arrive as sent, and that a filter policy on them selects by status;
/// neither says what AWS does, and nothing in the project relies on it.
/// </remarks>
public sealed class MotoSnsChannelTests(MotoFixture moto) : MotoTest(moto)
{
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions(TestAccount.Region));

    [Fact]
    public async Task DeliverAsync_StandardTopic_QueueGetsTheSqsMemberInTheSnsEnvelope()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("standard"), fifo: false, rawDelivery: false, filterPolicy: null, Token);
        var (channel, sns) = await ChannelAsync(topic);
        var notification = TestData.Pending(
            TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed) with { StatusReason = "Access denied to s3://exports-bucket ✓ \"quoted\"" },
            NeptuneTaskStatus.Exporting,
            version: 3);
        var message = sns.Build(notification);

        var messageId = await channel.DeliverAsync(notification, Token);

        var received = (await admin.ReceiveAllAsync(queue, Token)).ShouldHaveSingleItem();
        using var envelope = JsonDocument.Parse(received.Body);
        var root = envelope.RootElement;
        root.GetProperty("Type").GetString().ShouldBe("Notification");
        root.GetProperty("MessageId").GetString().ShouldBe(messageId);
        root.GetProperty("TopicArn").GetString().ShouldBe(topic);
        root.GetProperty("Subject").GetString().ShouldBe(message.Subject);
        root.GetProperty("Message").GetString().ShouldBe(Member(message, "sqs"));
        root.GetProperty("MessageAttributes").EnumerateObject()
            .ToDictionary(a => a.Name, a => $"{a.Value.GetProperty("Type").GetString()}:{a.Value.GetProperty("Value").GetString()}", StringComparer.Ordinal)
            .ShouldBe(Sent(message), ignoreOrder: true);
    }

    [Fact]
    public async Task DeliverAsync_RawDelivery_QueueBodyIsTheMachineEventAndAttributesAreAsSent()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("raw"), fifo: false, rawDelivery: true, filterPolicy: null, Token);
        var (channel, envelope) = await ChannelAsync(topic);
        var taskId = TestData.NewTaskId();
        var notification = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2);
        var message = envelope.Build(notification);

        await channel.DeliverAsync(notification, Token);

        var received = (await admin.ReceiveAllAsync(queue, Token)).ShouldHaveSingleItem();
        received.Body.ShouldBe(Member(message, "sqs"));
        using var machineEvent = JsonDocument.Parse(received.Body);
        machineEvent.RootElement.GetProperty("schemaVersion").GetString().ShouldBe(NotificationRenderer.EventSchemaVersion);
        machineEvent.RootElement.GetProperty("taskId").GetString().ShouldBe(taskId);
        machineEvent.RootElement.GetProperty("status").GetString().ShouldBe("SUCCEEDED");
        received.MessageAttributes.ShouldBe(Sent(message), ignoreOrder: true);
    }

    [Fact]
    public async Task DeliverAsync_AttributeFilterPolicyOnStatus_OnlyTheMatchingNotificationArrives()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("filtered"), fifo: false, rawDelivery: true, filterPolicy: """{"status":["FAILED"],"terminal":["true"]}""", Token);
        var (channel, envelope) = await ChannelAsync(topic);
        var succeeded = TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Succeeded));
        var failed = TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed));

        await channel.DeliverAsync(succeeded, Token);
        await channel.DeliverAsync(failed, Token);

        (await admin.ReceiveAllAsync(queue, Token)).Select(m => m.Body).ShouldBe([Member(envelope.Build(failed), "sqs")]);
    }

    [Fact]
    public async Task DeliverAsync_FifoTopic_QueueGetsGroupAndDeduplicationIdAndDropsTheRepublish()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("ordered"), fifo: true, rawDelivery: true, filterPolicy: null, Token);
        var (channel, envelope) = await ChannelAsync(topic);
        envelope.Fifo.ShouldBeTrue();
        var taskId = TestData.NewTaskId();
        var first = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing, version: 1);
        var second = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2);

        // The republish of a claim whose first publish lost its answer: the same message, built again.
        await channel.DeliverAsync(first, Token);
        await channel.DeliverAsync(first with { LeaseUntil = first.LeaseUntil.AddMinutes(2) }, Token);
        await channel.DeliverAsync(second, Token);

        var received = await admin.ReceiveAllAsync(queue, Token);
        received.Select(m => m.Body).ShouldBe([Member(envelope.Build(first), "sqs"), Member(envelope.Build(second), "sqs")]);
        received.Select(m => m.Attributes["MessageGroupId"]).ShouldAllBe(group => group == taskId);
        received.Select(m => m.Attributes["MessageDeduplicationId"])
            .ShouldBe([envelope.Build(first).MessageDeduplicationId, envelope.Build(second).MessageDeduplicationId]);
    }

    [Fact]
    public async Task DeliverAsync_TopicDoesNotExist_IsRejectedWithNotFoundException()
    {
        var missing = $"arn:aws:sns:{TestAccount.Region}:{TestAccount.Id}:{Unique("missing")}";
        var notification = TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed));
        var (channel, _) = await ChannelAsync(missing);

        // SNS answered with its own error: the channel reports a known rejection, the SNS error inside.
        var rejected = await Should.ThrowAsync<NotificationRejectedException>(() => channel.DeliverAsync(notification, Token));

        var exception = rejected.InnerException.ShouldBeOfType<NotFoundException>();
        exception.ErrorCode.ShouldBe("NotFound");
        exception.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeliverAsync_FifoMessageToStandardTopic_IsRejectedWithInvalidParameterException()
    {
        var admin = await AdminAsync();
        var topic = await admin.CreateTopicAsync(Unique("standard"), fifo: false, Token);
        var notification = TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed));
        var (channel, _) = await ChannelAsync(topic, fifo: true);

        var rejected = await Should.ThrowAsync<NotificationRejectedException>(() => channel.DeliverAsync(notification, Token));

        rejected.InnerException.ShouldBeOfType<InvalidParameterException>().Message.ShouldContain("MessageDeduplicationId");
    }

    // The published structure's member for one protocol: what a subscriber of that protocol is delivered.
    private static string Member(PublishRequest message, string protocol)
    {
        using var structure = JsonDocument.Parse(message.Message);
        return structure.RootElement.GetProperty(protocol).GetString().ShouldNotBeNull();
    }

    private static Dictionary<string, string> Sent(PublishRequest message) =>
        message.MessageAttributes.ShouldNotBeNull().ToDictionary(a => a.Key, a => $"{a.Value.DataType}:{a.Value.StringValue}", StringComparer.Ordinal);

    // The channel, and its envelope to build the requests it sends.
    private async Task<(SnsNotificationChannel Channel, SnsPublishEnvelope Envelope)> ChannelAsync(string topicArn, bool? fifo = null)
    {
        var client = Own(LocalClients.Sns(await EndpointAsync(), MotoQueryClient.Credentials, maxErrorRetry: 0));
        var envelope = new SnsPublishEnvelope(topicArn, Renderer, fifo);
        return (new SnsNotificationChannel(client, envelope), envelope);
    }
}
