using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>What the SDK pipeline does with our error classification: which errors are retried, timeouts, cancellation.</summary>
public sealed class RetryBehaviourTests
{
    private static readonly string ExportTask = NeptuneGraphWireMapping.ExportTaskJson("t-abcdefghij", "SUCCEEDED", "CSV");

    private static readonly PublishRequest Publish = new() { TopicArn = TestAccount.TopicArn, Message = "m" };

    [Theory]
    [InlineData(429, "ThrottlingException", RequestRetryMode.Standard)]
    [InlineData(429, "ThrottlingException", RequestRetryMode.Adaptive)]
    [InlineData(500, "InternalServerException", RequestRetryMode.Standard)]
    [InlineData(503, "ServiceUnavailableException", RequestRetryMode.Standard)]
    public async Task GetExportTask_TransientErrorThenSuccess_RetriesAndSucceeds(int status, string code, RequestRetryMode mode)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var calls = 0;
        await using var server = new CaptureServer(_ => Interlocked.Increment(ref calls) <= 2
            ? CannedResponse.Json(status, $$"""{"code":"{{code}}","message":"try again"}""")
            : CannedResponse.Json(200, ExportTask));
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3, retryMode: mode);

        // Act
        var response = await client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellationToken);

        // Assert
        response.Task.Status.ShouldBe(ExportTaskStatus.Succeeded);
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetExportTask_ThrottledBeyondRetryLimit_ThrowsThrottlingException()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => CannedResponse.Json(429, """{"message":"slow down"}""") with
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["x-amzn-ErrorType"] = "ThrottlingException" },
        });
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 2);

        // Act
        var exception = await Should.ThrowAsync<ThrottlingException>(() => client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellationToken));

        // Assert
        exception.StatusCode.ShouldBe(System.Net.HttpStatusCode.TooManyRequests);
        server.Requests.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(400, "ValidationException")]
    [InlineData(404, "ResourceNotFoundException")]
    [InlineData(403, "AccessDeniedException")]
    public async Task GetExportTask_ClientError_IsNotRetried(int status, string code)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => CannedResponse.Json(status, $$"""{"code":"{{code}}","message":"no"}"""));
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<NeptuneGraphException>(() => client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellationToken));

        // Assert
        exception.ErrorCode.ShouldBe(code);
        server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(429, "Throttled")]
    [InlineData(400, "Throttled")]
    [InlineData(500, "InternalError")]
    [InlineData(502, "BadGateway")]
    public async Task Publish_TransientErrorThenSuccess_RetriesAndSucceeds(int status, string code)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var calls = 0;
        await using var server = new CaptureServer(_ => Interlocked.Increment(ref calls) == 1
            ? CannedResponse.Xml(status, $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>again</Message></Error><RequestId>r</RequestId></ErrorResponse>")
            : CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml));
        using var client = SnsWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var response = await client.PublishAsync(Publish, cancellationToken);

        // Assert
        response.MessageId.ShouldBe("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
        server.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(400, "InvalidParameter", typeof(InvalidParameterException))]
    [InlineData(404, "NotFound", typeof(NotFoundException))]
    [InlineData(403, "AuthorizationError", typeof(AuthorizationErrorException))]
    [InlineData(400, "ValidationException", typeof(Aws.Sns.ValidationException))]
    public async Task Publish_ClientError_IsNotRetried(int status, string code, Type expected)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => CannedResponse.Xml(status, $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>"));
        using var client = SnsWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<SnsException>(() => client.PublishAsync(Publish, cancellationToken));

        // Assert
        exception.ShouldBeOfType(expected);
        server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("<html><body>proxy page</body></html>")]
    [InlineData("{\"graphId\":\"g-0123456789\",\"taskId\":\"t-abc")]
    [InlineData("""{"graphId":"g-0123456789","status":"FAILED"}""")]
    public async Task GetExportTask_UnreadableOkResponse_FailsAtOnceWithoutRetry(string body)
    {
        // Arrange: the official SDKs do not retry an answer they could not read (see UnreadableResponseException).
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => CannedResponse.Json(200, body));
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<UnreadableResponseException>(() => client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellationToken));

        // Assert
        exception.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        exception.Message.ShouldContain("GetExportTask");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Publish_UnreadableOkResponse_FailsAtOnceWithoutRetry()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => CannedResponse.Xml(200, "<PublishResponse><PublishResult><MessageId>"));
        using var client = SnsWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<UnreadableResponseException>(() => client.PublishAsync(Publish, cancellationToken));

        // Assert
        exception.Message.ShouldContain("Publish");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetExportTask_ServerSlowerThanTimeout_ThrowsTimeoutException()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => SlowAnswer.Of(CannedResponse.Json(200, ExportTask)));
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 0, timeout: SlowAnswer.GiveUpAfter);

        // Act / Assert
        await SlowAnswer.ShouldGiveUpFirstAsync<TimeoutException>(() => client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellationToken));
    }

    [Fact]
    public async Task Publish_ServerSlowerThanTimeout_ThrowsTimeoutException()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => SlowAnswer.Of(CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml)));
        using var client = SnsWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 0, timeout: SlowAnswer.GiveUpAfter);

        // Act / Assert
        await SlowAnswer.ShouldGiveUpFirstAsync<TimeoutException>(() => client.PublishAsync(Publish, cancellationToken));
    }

    [Fact]
    public async Task GetExportTask_TokenCancelledDuringCall_StopsWithOperationCanceled()
    {
        // Arrange
        await using var server = new CaptureServer(_ => SlowAnswer.Of(CannedResponse.Json(200, ExportTask)));
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint, maxErrorRetry: 3);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(SlowAnswer.GiveUpAfter);

        // Act
        await SlowAnswer.ShouldGiveUpFirstAsync<OperationCanceledException>(() => client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellation.Token));

        // Assert
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Publish_TokenAlreadyCancelled_SendsNothing()
    {
        // Arrange
        await using var server = new CaptureServer(_ => CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml));
        using var client = SnsWireMapping.CreateClient(server.Endpoint);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        // Act
        await Should.ThrowAsync<OperationCanceledException>(() => client.PublishAsync(Publish, cancellation.Token));

        // Assert
        server.Requests.ShouldBeEmpty();
    }
}
