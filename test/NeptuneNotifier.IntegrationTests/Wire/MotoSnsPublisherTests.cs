using System.Text.Json;
using Amazon.Runtime;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The SNS publisher, over our SNS client, publishing the project's real notifications to moto's SNS, with SQS queues
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
public sealed class MotoSnsPublisherTests(MotoFixture moto) : IDisposable
{
    private static readonly NotificationBuilder Standard = new(new NotificationOptions(MotoQueryClient.Region, FifoTopic: false));
    private static readonly NotificationBuilder Fifo = new(new NotificationOptions(MotoQueryClient.Region, FifoTopic: true));

    private readonly List<IDisposable> clients = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task PublishAsync_StandardTopic_QueueGetsTheSqsMemberInTheSnsEnvelope()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("standard"), fifo: false, rawDelivery: false, filterPolicy: null, Token);
        var message = Standard.Build(TestData.Pending(
            TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed) with { StatusReason = "Access denied to s3://exports-bucket ✓ \"quoted\"" },
            NeptuneTaskStatus.Exporting,
            version: 3));

        var messageId = await (await PublisherAsync(topic)).PublishAsync(message, Token);

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
    public async Task PublishAsync_RawDelivery_QueueBodyIsTheMachineEventAndAttributesAreAsSent()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("raw"), fifo: false, rawDelivery: true, filterPolicy: null, Token);
        var taskId = TestData.NewTaskId();
        var message = Standard.Build(TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2));

        await (await PublisherAsync(topic)).PublishAsync(message, Token);

        var received = (await admin.ReceiveAllAsync(queue, Token)).ShouldHaveSingleItem();
        received.Body.ShouldBe(Member(message, "sqs"));
        using var machineEvent = JsonDocument.Parse(received.Body);
        machineEvent.RootElement.GetProperty("schemaVersion").GetString().ShouldBe(NotificationBuilder.EventSchemaVersion);
        machineEvent.RootElement.GetProperty("taskId").GetString().ShouldBe(taskId);
        machineEvent.RootElement.GetProperty("status").GetString().ShouldBe("SUCCEEDED");
        received.MessageAttributes.ShouldBe(Sent(message), ignoreOrder: true);
    }

    [Fact]
    public async Task PublishAsync_AttributeFilterPolicyOnStatus_OnlyTheMatchingNotificationArrives()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("filtered"), fifo: false, rawDelivery: true, filterPolicy: """{"status":["FAILED"],"terminal":["true"]}""", Token);
        var publisher = await PublisherAsync(topic);
        var succeeded = Standard.Build(TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Succeeded)));
        var failed = Standard.Build(TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed)));

        await publisher.PublishAsync(succeeded, Token);
        await publisher.PublishAsync(failed, Token);

        (await admin.ReceiveAllAsync(queue, Token)).Select(m => m.Body).ShouldBe([Member(failed, "sqs")]);
    }

    [Fact]
    public async Task PublishAsync_FifoTopic_QueueGetsGroupAndDeduplicationIdAndDropsTheRepublish()
    {
        var admin = await AdminAsync();
        var (topic, queue) = await admin.CreateTopicWithQueueAsync(Unique("ordered"), fifo: true, rawDelivery: true, filterPolicy: null, Token);
        var publisher = await PublisherAsync(topic);
        var taskId = TestData.NewTaskId();
        var first = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing, version: 1);
        var second = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2);

        // The republish of a claim whose first publish lost its answer: the same message, built again.
        await publisher.PublishAsync(Fifo.Build(first), Token);
        await publisher.PublishAsync(Fifo.Build(first with { LeaseUntil = first.LeaseUntil.AddMinutes(2) }), Token);
        await publisher.PublishAsync(Fifo.Build(second), Token);

        var received = await admin.ReceiveAllAsync(queue, Token);
        received.Select(m => m.Body).ShouldBe([Member(Fifo.Build(first), "sqs"), Member(Fifo.Build(second), "sqs")]);
        received.Select(m => m.Attributes["MessageGroupId"]).ShouldAllBe(group => group == taskId);
        received.Select(m => m.Attributes["MessageDeduplicationId"])
            .ShouldBe([Fifo.Build(first).MessageDeduplicationId, Fifo.Build(second).MessageDeduplicationId]);
    }

    [Fact]
    public async Task PublishAsync_TopicDoesNotExist_IsRejectedWithNotFoundException()
    {
        var missing = $"arn:aws:sns:{MotoQueryClient.Region}:123456789012:{Unique("missing")}";
        var message = Standard.Build(TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed)));
        var publisher = await PublisherAsync(missing);

        // SNS answered with its own error: the publisher reports a known rejection, the SNS error inside.
        var rejected = await Should.ThrowAsync<NotificationRejectedException>(() => publisher.PublishAsync(message, Token));

        var exception = rejected.InnerException.ShouldBeOfType<NotFoundException>();
        exception.ErrorCode.ShouldBe("NotFound");
        exception.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishAsync_FifoMessageToStandardTopic_IsRejectedWithInvalidParameterException()
    {
        var admin = await AdminAsync();
        var topic = await admin.CreateTopicAsync(Unique("standard"), fifo: false, Token);
        var message = Fifo.Build(TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed)));
        var publisher = await PublisherAsync(topic);

        var rejected = await Should.ThrowAsync<NotificationRejectedException>(() => publisher.PublishAsync(message, Token));

        rejected.InnerException.ShouldBeOfType<InvalidParameterException>().Message.ShouldContain("MessageDeduplicationId");
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    // The published structure's member for one protocol: what a subscriber of that protocol is delivered.
    private static string Member(NotificationMessage message, string protocol)
    {
        using var structure = JsonDocument.Parse(message.Message);
        return structure.RootElement.GetProperty(protocol).GetString().ShouldNotBeNull();
    }

    private static Dictionary<string, string> Sent(NotificationMessage message) =>
        message.Attributes.ToDictionary(a => a.Key, a => "String:" + a.Value, StringComparer.Ordinal);

    private async Task<MotoQueryClient> AdminAsync()
    {
        var admin = new MotoQueryClient(await moto.EndpointAsync(Token));
        clients.Add(admin);
        return admin;
    }

    private async Task<SnsNotificationPublisher> PublisherAsync(string topicArn)
    {
        var client = new SnsClient(
            new BasicAWSCredentials(MotoQueryClient.AccessKeyId, MotoQueryClient.SecretAccessKey),
            new SnsClientConfig { ServiceURL = (await moto.EndpointAsync(Token)).ToString(), AuthenticationRegion = MotoQueryClient.Region, MaxErrorRetry = 0 });
        clients.Add(client);
        return new SnsNotificationPublisher(client, topicArn);
    }
}
