using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// With the SDK's response logging on (a usual first step when debugging), AWSSDK.Core reads every error answer's body
/// back from the unmarshaller context: error answers must still be retried and mapped to their exceptions.
/// </summary>
public sealed class ResponseLoggingTests
{
    private const string Exporting = """{"taskId":"t-abcdefghij","graphId":"g-0123456789","status":"EXPORTING"}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetExportTask_ThrottledThenAnswered_IsRetriedAndReadsTheTask()
    {
        var calls = 0;
        var transport = new StubTransport(_ => Interlocked.Increment(ref calls) == 1
            ? (HttpStatusCode.TooManyRequests, """{"code":"ThrottlingException","message":"Rate exceeded"}""")
            : (HttpStatusCode.OK, Exporting)) { LogResponses = true };
        using var client = transport.NeptuneGraph();

        var response = await client.GetExportTaskAsync("t-abcdefghij", Token);

        response.Task.Status.ShouldBe(ExportTaskStatus.Exporting);
        transport.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task GetExportTask_NotFound_ThrowsResourceNotFoundException()
    {
        var transport = new StubTransport(_ => (HttpStatusCode.NotFound, """{"code":"ResourceNotFoundException","message":"Export task t-abcdefghij not found"}""")) { LogResponses = true };
        using var client = transport.NeptuneGraph();

        var error = await Should.ThrowAsync<ResourceNotFoundException>(() => client.GetExportTaskAsync("t-abcdefghij", Token));

        error.Message.ShouldContain("Export task t-abcdefghij not found");
    }

    [Fact]
    public async Task Publish_Throttled_ThrowsThrottledException()
    {
        var transport = new StubTransport(_ => (HttpStatusCode.BadRequest,
            """<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>Throttled</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"""))
        { LogResponses = true };
        using var client = transport.Sns();

        var error = await Should.ThrowAsync<ThrottledException>(() => client.PublishAsync(new PublishRequest { TopicArn = TestAccount.TopicArn, Message = "m" }, Token));

        error.Message.ShouldContain("Rate exceeded");
    }
}
