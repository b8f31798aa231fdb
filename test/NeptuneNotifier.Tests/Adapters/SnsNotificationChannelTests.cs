using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Tests.Clients;

namespace NeptuneNotifier.Tests.Adapters;

/// <summary>The SNS channel over the whole SDK pipeline, answered in memory.</summary>
public sealed class SnsNotificationChannelTests
{
    private static readonly SnsPublishEnvelope Envelope = new(TestAccount.FifoTopicArn, new NotificationRenderer(new NotificationOptions(TestAccount.Region)));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_SameClaimTwice_PostsTheEnvelopesRequestByteForByteBothTimes()
    {
        List<string> bodies = [];
        using var client = StubTransport.Recording(bodies, "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>").Sns();
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Access denied ✓" }, NeptuneTaskStatus.Exporting, version: 3);
        var channel = new SnsNotificationChannel(client, Envelope);

        var first = await channel.DeliverAsync(pending, Token);
        var republish = await channel.DeliverAsync(pending with { LeaseUntil = pending.LeaseUntil.AddMinutes(5) }, Token);

        (first, republish).ShouldBe(("m-1", "m-1"));
        bodies.Count.ShouldBe(2);
        bodies[1].ShouldBe(bodies[0]);
        bodies[0].ShouldBe(PublishRequestMarshaller.FormBody(Envelope.Build(pending)));
    }

    [Fact]
    public async Task DeliverAsync_SnsErrorDocument_IsARejectionWithTheSnsErrorInside()
    {
        using var client = new StubTransport(_ => ((HttpStatusCode)429,
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttled</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>")).Sns();
        var channel = new SnsNotificationChannel(client, Envelope);

        var rejection = await Should.ThrowAsync<NotificationRejectedException>(() => channel.DeliverAsync(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed)), Token));

        rejection.Message.ShouldContain("Throttled");
        rejection.InnerException.ShouldBeAssignableTo<SnsException>();
    }
}
