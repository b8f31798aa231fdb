namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// Which publish failures the SNS channel reports as a known rejection (the cycle then gives the lease back and the
/// next cycle retries at once) and which leave the outcome unknown (the lease is kept until it runs out).
/// </summary>
public sealed class SnsPublishOutcomeTests
{
    private static readonly PendingNotification Notification = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(400, "Sender", "InvalidParameter")]
    [InlineData(403, "Sender", "AuthorizationError")]
    [InlineData(429, "Sender", "Throttled")]
    [InlineData(500, "Receiver", "InternalError")]
    [InlineData(400, "Sender", "SomeFutureError")]
    public async Task DeliverAsync_SnsErrorDocument_IsARejection(int status, string type, string code)
    {
        await using var server = new CaptureServer(_ => CannedResponse.Xml(status,
            $"<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>{type}</Type><Code>{code}</Code><Message>refused</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"));
        using var client = SnsWireMapping.CreateClient(server.Endpoint);

        var rejection = await Should.ThrowAsync<NotificationRejectedException>(() => LocalCloud.SnsChannel(client).DeliverAsync(Notification, Token));

        rejection.Message.ShouldContain(code);
        rejection.InnerException.ShouldBeAssignableTo<SnsException>();
    }

    [Fact]
    public async Task DeliverAsync_ErrorPageWithoutAnSnsErrorCode_IsNotARejection()
    {
        await using var server = new CaptureServer(_ => CannedResponse.ProxyErrorPage);
        using var client = SnsWireMapping.CreateClient(server.Endpoint);

        var failure = await Should.ThrowAsync<SnsException>(() => LocalCloud.SnsChannel(client).DeliverAsync(Notification, Token));

        failure.ErrorCode.ShouldBe(SnsException.UnknownErrorCode);
    }

    [Fact]
    public async Task DeliverAsync_Timeout_IsNotARejection()
    {
        await using var server = new CaptureServer(_ => SlowAnswer.Of(CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml)));
        using var client = SnsWireMapping.CreateClient(server.Endpoint, timeout: SlowAnswer.GiveUpAfter);

        await Should.ThrowAsync<TimeoutException>(() => LocalCloud.SnsChannel(client).DeliverAsync(Notification, Token));
    }
}
