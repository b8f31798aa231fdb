using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Tests.Clients;

namespace NeptuneNotifier.Tests.Adapters;

/// <summary>The EventBridge channel over the whole SDK pipeline, answered in memory: what is delivered, refused or unknown.</summary>
public sealed class EventBridgeNotificationChannelTests
{
    private static readonly EventBridgeEventEnvelope Envelope = new("default", TestAccount.Region, TestAccount.Id, new NotificationRenderer(new NotificationOptions(TestAccount.Region)));

    private static readonly PendingNotification Pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Access denied ✓" }, NeptuneTaskStatus.Exporting, version: 3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_EntryPut_ReturnsEventIdAfterPostingTheEnvelopesEntryTheSameBothTimes()
    {
        // Arrange
        List<string> bodies = [];
        using var client = StubTransport.Recording(bodies, """{"FailedEntryCount":0,"Entries":[{"EventId":"6a7e8feb-b491-4cf7-a9f1-bf3703467718"}]}""").EventBridge();
        var channel = new EventBridgeNotificationChannel(client, Envelope);

        // Act
        var first = await channel.DeliverAsync(Pending, Token);
        var republish = await channel.DeliverAsync(Pending with { LeaseUntil = Pending.LeaseUntil.AddMinutes(5) }, Token);

        // Assert
        (first, republish).ShouldBe(("6a7e8feb-b491-4cf7-a9f1-bf3703467718", "6a7e8feb-b491-4cf7-a9f1-bf3703467718"));
        bodies.Count.ShouldBe(2);
        bodies[1].ShouldBe(bodies[0]);
        bodies[0].ShouldBe(System.Text.Encoding.UTF8.GetString(PutEventsRequestMarshaller.Body(new PutEventsRequest { Entries = [Envelope.Build(Pending)] })));
    }

    [Theory]
    [InlineData("""{"FailedEntryCount":1,"Entries":[{"ErrorCode":"NotAuthorizedForSourceException","ErrorMessage":"Not authorized for the source."}]}""", "NotAuthorizedForSourceException", "Not authorized for the source.")]
    [InlineData("""{"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"Internal service error."}]}""", "InternalFailure", "Internal service error.")]
    [InlineData("""{"FailedEntryCount":1,"Entries":[{}]}""", "Unknown", "no error message")]
    [InlineData("""{"FailedEntryCount":1}""", "Unknown", "no error message")]
    [InlineData("""{"Entries":[{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."}]}""", "MalformedDetail", "Detail is malformed.")]
    public async Task DeliverAsync_FailedEntry_IsARejectionNamingTheEntrysError(string answer, string code, string message)
    {
        // Arrange
        using var client = StubTransport.Json(answer).EventBridge();

        // Act
        var rejection = await Should.ThrowAsync<NotificationRejectedException>(() => new EventBridgeNotificationChannel(client, Envelope).DeliverAsync(Pending, Token));

        // Assert
        rejection.Message.ShouldContain(code);
        rejection.Message.ShouldContain(message);
        var inner = rejection.InnerException.ShouldBeOfType<EventBridgeException>();
        (inner.ErrorCode, inner.StatusCode, inner.RequestId).ShouldBe((code, HttpStatusCode.OK, "req-stub"));
    }

    [Theory]
    [InlineData(400, """{"__type":"AccessDeniedException","message":"not allowed"}""", "AccessDeniedException")]
    [InlineData(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", "ThrottlingException")]
    [InlineData(500, """{"__type":"InternalException","message":"oops"}""", "InternalException")]
    [InlineData(400, """{"__type":"SomeFutureError","message":"new"}""", "SomeFutureError")]
    public async Task DeliverAsync_EventBridgeErrorDocument_IsARejection(int status, string answer, string code)
    {
        // Arrange
        using var client = new StubTransport(_ => ((HttpStatusCode)status, answer)).EventBridge();

        // Act
        var rejection = await Should.ThrowAsync<NotificationRejectedException>(() => new EventBridgeNotificationChannel(client, Envelope).DeliverAsync(Pending, Token));

        // Assert
        rejection.Message.ShouldContain($"({code}, HTTP {status})");
        rejection.InnerException.ShouldBeAssignableTo<EventBridgeException>().ShouldNotBeNull().ErrorCode.ShouldBe(code);
    }

    [Fact]
    public async Task DeliverAsync_ErrorPageWithoutAnErrorCode_IsNotARejection()
    {
        // Arrange
        using var client = new StubTransport(_ => (HttpStatusCode.GatewayTimeout, "<html><body>Gateway Timeout</body></html>")).EventBridge();

        // Act
        var failure = await Should.ThrowAsync<EventBridgeException>(() => new EventBridgeNotificationChannel(client, Envelope).DeliverAsync(Pending, Token));

        // Assert
        failure.ErrorCode.ShouldBe(EventBridgeException.UnknownErrorCode);
    }

    [Theory]
    [InlineData("""{"FailedEntryCount":0,"Entries":[]}""")]
    [InlineData("""{"FailedEntryCount":0,"Entries":[{}]}""")]
    [InlineData("{}")]
    public async Task DeliverAsync_AnswerWithoutAResultForTheEntry_IsAnUnknownOutcome(string answer)
    {
        // Arrange
        using var client = StubTransport.Json(answer).EventBridge();

        // Act
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => new EventBridgeNotificationChannel(client, Envelope).DeliverAsync(Pending, Token));

        // Assert
        failure.Message.ShouldContain("whether the event was put is not known");
    }

    [Fact]
    public async Task DeliverAsync_UnreadableAnswer_IsNotARejection()
    {
        // Arrange
        using var client = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":""").EventBridge();

        // Act / Assert
        await Should.ThrowAsync<UnreadableResponseException>(() => new EventBridgeNotificationChannel(client, Envelope).DeliverAsync(Pending, Token));
    }
}
