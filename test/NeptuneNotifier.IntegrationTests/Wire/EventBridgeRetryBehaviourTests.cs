using System.Net;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.Http;
using AccessDeniedException = NeptuneNotifier.Aws.EventBridge.AccessDeniedException;
using ResourceNotFoundException = NeptuneNotifier.Aws.EventBridge.ResourceNotFoundException;
using ThrottlingException = NeptuneNotifier.Aws.EventBridge.ThrottlingException;
using ValidationException = NeptuneNotifier.Aws.EventBridge.ValidationException;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>What the SDK pipeline does with our EventBridge error classification: which errors are retried, timeouts, cancellation.</summary>
public sealed class EventBridgeRetryBehaviourTests
{
    private static readonly PutEventsRequest Request = new()
    {
        Entries = [new PutEventsRequestEntry { Source = "neptune-notifier", DetailType = "Neptune Analytics Export Task State Change", Detail = """{"status":"SUCCEEDED"}""" }],
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", RequestRetryMode.Standard)]
    [InlineData(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", RequestRetryMode.Adaptive)]
    [InlineData(429, """{"__type":"SomethingNewException","message":"slow down"}""", RequestRetryMode.Standard)]
    [InlineData(500, """{"__type":"com.amazonaws.eventbridge#InternalException","message":"oops"}""", RequestRetryMode.Standard)]
    [InlineData(503, """{"__type":"ServiceUnavailable","message":"later"}""", RequestRetryMode.Standard)]
    [InlineData(502, "<html>Bad Gateway</html>", RequestRetryMode.Standard)]
    public async Task PutEvents_TransientErrorThenSuccess_RetriesAndSucceeds(int status, string body, RequestRetryMode mode)
    {
        // Arrange
        var calls = 0;
        await using var server = new CaptureServer(_ => Interlocked.Increment(ref calls) <= 2
            ? EventBridgeWireMapping.Answer(status, body)
            : EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3, retryMode: mode);

        // Act
        var response = await client.PutEventsAsync(Request, Token);

        // Assert
        response.Entries.Single().EventId.ShouldBe("11710aed-b79e-4468-a20b-bb3c0c3b4860");
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task PutEvents_ThrottledBeyondRetryLimit_ThrowsThrottlingException()
    {
        // Arrange
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(400, """{"message":"Rate exceeded"}""") with
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.1", ["x-amzn-ErrorType"] = "ThrottlingException" },
        });
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 2);

        // Act
        var exception = await Should.ThrowAsync<ThrottlingException>(() => client.PutEventsAsync(Request, Token));

        // Assert
        exception.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        server.Requests.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(400, "ValidationException", typeof(ValidationException))]
    [InlineData(400, "AccessDeniedException", typeof(AccessDeniedException))]
    [InlineData(400, "ResourceNotFoundException", typeof(ResourceNotFoundException))]
    [InlineData(403, "InvalidClientTokenId", typeof(EventBridgeException))]
    public async Task PutEvents_ClientError_IsNotRetried(int status, string code, Type expected)
    {
        // Arrange
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(status, $$"""{"__type":"{{code}}","message":"no"}"""));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<EventBridgeException>(() => client.PutEventsAsync(Request, Token));

        // Assert
        exception.ShouldBeOfType(expected);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PutEvents_PartialFailureAnswer_IsNotRetriedByTheClient()
    {
        // Arrange: a 200 that reports a failed entry is an answer, not an error: putting the entry again is the caller's call.
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded"}]}"""));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var response = await client.PutEventsAsync(Request, Token);

        // Assert
        response.Entries.Single().ErrorCode.ShouldBe("ThrottlingException");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PutEvents_UnreadableOkResponse_FailsAtOnceWithoutRetry()
    {
        // Arrange
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, """{"FailedEntryCount":0,"Entries":[{"EventId":"""));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<UnreadableResponseException>(() => client.PutEventsAsync(Request, Token));

        // Assert
        exception.Message.ShouldContain("EventBridge PutEvents returned HTTP 200");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PutEvents_ServerSlowerThanTimeout_ThrowsTimeoutException()
    {
        // Arrange
        await using var server = new CaptureServer(_ => SlowAnswer.Of(EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson)));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 0, timeout: SlowAnswer.GiveUpAfter);

        // Act / Assert
        await SlowAnswer.ShouldGiveUpFirstAsync<TimeoutException>(() => client.PutEventsAsync(Request, Token));
    }

    [Fact]
    public async Task PutEvents_TokenCancelledDuringCall_StopsWithOperationCanceled()
    {
        // Arrange
        await using var server = new CaptureServer(_ => SlowAnswer.Of(EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson)));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(SlowAnswer.GiveUpAfter);

        // Act
        await SlowAnswer.ShouldGiveUpFirstAsync<OperationCanceledException>(() => client.PutEventsAsync(Request, cancellation.Token));

        // Assert
        server.Requests.Count.ShouldBe(1);
    }
}
