using NeptuneNotifier.Aws.EventBridge;
using ThrottlingException = NeptuneNotifier.Aws.EventBridge.ThrottlingException;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// Which PutEvents outcomes the EventBridge channel reports as a known refusal (the notification may be retried on
/// this channel at once) and which leave it unknown whether the event was put, over real HTTP with the SDK's retries.
/// </summary>
public sealed class EventBridgeDeliveryOutcomeTests
{
    private static readonly PendingNotification Notification = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_EntryPut_ReturnsTheEventIdAndSendsOneSignedRequest()
    {
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        var eventId = await LocalCloud.EventBridgeChannel(client).DeliverAsync(Notification, Token);

        eventId.ShouldBe("11710aed-b79e-4468-a20b-bb3c0c3b4860");
        var signatures = await NodeWire.VerifySignaturesAsync(EventBridgeWireMapping.Service, server.Requests, Token);
        signatures.Single()!["ok"]!.GetValue<bool>().ShouldBeTrue(signatures.ToJsonString());
    }

    [Fact]
    public async Task DeliverAsync_FailedEntry_IsARejectionAfterOneRequest()
    {
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"Internal service error."}]}"""));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        var rejection = await Should.ThrowAsync<NotificationRejectedException>(() => LocalCloud.EventBridgeChannel(client).DeliverAsync(Notification, Token));

        rejection.Message.ShouldContain("InternalFailure: Internal service error.");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task DeliverAsync_ThrottledThroughEveryRetry_IsARejection()
    {
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 2);

        var rejection = await Should.ThrowAsync<NotificationRejectedException>(() => LocalCloud.EventBridgeChannel(client).DeliverAsync(Notification, Token));

        rejection.InnerException.ShouldBeOfType<ThrottlingException>();
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task DeliverAsync_ProxyErrorPage_IsNotARejection()
    {
        await using var server = new CaptureServer(_ => CannedResponse.ProxyErrorPage);
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint);

        var failure = await Should.ThrowAsync<EventBridgeException>(() => LocalCloud.EventBridgeChannel(client).DeliverAsync(Notification, Token));

        failure.ErrorCode.ShouldBe(EventBridgeException.UnknownErrorCode);
    }

    [Fact]
    public async Task DeliverAsync_ConnectionDroppedOnEveryAttempt_IsNotARejection()
    {
        await using var server = new CaptureServer(_ => CannedResponse.Dropped);
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 1);

        var failure = await Should.ThrowAsync<Exception>(() => LocalCloud.EventBridgeChannel(client).DeliverAsync(Notification, Token));

        failure.ShouldNotBeOfType<NotificationRejectedException>(failure.ToString());
        failure.ShouldBeAssignableTo<IOException>(failure.ToString());
        // AWSSDK.Core retries a connection that broke mid-answer (an I/O error) beyond MaxErrorRetry.
        server.Requests.Count.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task DeliverAsync_Timeout_IsNotARejection()
    {
        await using var server = new CaptureServer(_ => SlowAnswer.Of(EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson)));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, timeout: SlowAnswer.GiveUpAfter);

        await Should.ThrowAsync<TimeoutException>(() => LocalCloud.EventBridgeChannel(client).DeliverAsync(Notification, Token));
    }
}
