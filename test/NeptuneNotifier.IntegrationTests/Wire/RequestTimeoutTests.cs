using Amazon;
using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// Each client the notifier builds gives up on a service that accepts the connection and never answers after about
/// the request timeout per attempt, times the attempts its retry policy makes: not after HttpClient's 100 s default.
/// AWSSDK.Core may take a timed-out attempt for a stale pooled connection and try once more outside its retry
/// limit, at most <see cref="ServiceClientFactory.MaxStaleConnectionRetries"/> times.
/// </summary>
public sealed class RequestTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Far below 100 s per attempt, far above attempts x timeout plus the standard mode's jittered backoff.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetExportTask_ServiceNeverAnswers_FailsAfterTimeoutPerAttempt()
    {
        // Arrange
        await using var server = new SilentServer();
        using var client = Factory(server).CreateNeptuneGraph();

        // Act / Assert: standard retry mode makes 3 attempts.
        await ExpectTimeoutAsync(server, attempts: 3, token => client.GetExportTaskAsync("t-abcdefghij", token));
    }

    [Fact]
    public async Task Publish_ServiceNeverAnswers_FailsAfterTimeoutPerAttempt()
    {
        // Arrange
        await using var server = new SilentServer();
        using var client = Factory(server).CreateSns();
        var request = new PublishRequest { TopicArn = TestAccount.TopicArn, Message = "m" };

        // Act / Assert
        await ExpectTimeoutAsync(server, attempts: 3, token => client.PublishAsync(request, token));
    }

    [Fact]
    public async Task PutEvents_ServiceNeverAnswers_FailsAfterTimeoutPerAttempt()
    {
        // Arrange
        await using var server = new SilentServer();
        using var client = Factory(server).CreateEventBridge();
        var request = new PutEventsRequest { Entries = [new PutEventsRequestEntry { Source = "neptune-notifier", DetailType = "d", Detail = "{}" }] };

        // Act / Assert
        await ExpectTimeoutAsync(server, attempts: 3, token => client.PutEventsAsync(request, token));
    }

    [Fact]
    public async Task DynamoDbGetItem_ServiceNeverAnswers_FailsAfterTimeoutPerAttempt()
    {
        // Arrange
        await using var server = new SilentServer();
        using var client = Factory(server).CreateDynamoDb();
        var request = new GetItemRequest { TableName = "tasks", Key = new() { ["taskId"] = new AttributeValue { S = "t-abcdefghij" } } };

        // Act / Assert: AWSSDK.DynamoDBv2 makes 4 attempts by default (its MaxErrorRetry documentation).
        await ExpectTimeoutAsync(server, attempts: 4, token => client.GetItemAsync(request, token));
    }

    private static ServiceClientFactory Factory(SilentServer server) => new(RegionEndpoint.USEast1, Timeout)
    {
        ServiceUrl = server.Endpoint.ToString(),
        Credentials = new BasicAWSCredentials(NodeWire.AccessKeyId, NodeWire.SecretAccessKey),
    };

    private static async Task ExpectTimeoutAsync(SilentServer server, int attempts, Func<CancellationToken, Task> call)
    {
        var token = TestContext.Current.CancellationToken;
        var started = Stopwatch.StartNew();
        var pending = call(token);
        var first = await Task.WhenAny(pending, Task.Delay(Bound, token));
        started.Stop();

        first.ShouldBeSameAs(pending, $"the call was still waiting after {Bound.TotalSeconds} s ({server.Requests} attempts so far)");
        var exception = await Should.ThrowAsync<Exception>(() => pending);
        exception.ShouldBeOfType<TimeoutException>($"after {started.Elapsed}: {exception}");
        server.Requests.ShouldBeInRange(attempts, attempts + ServiceClientFactory.MaxStaleConnectionRetries, server.Log);
        started.Elapsed.ShouldBeGreaterThanOrEqualTo(Timeout * server.Requests * 0.9, server.Log);
        server.Gaps.ShouldAllBe(gap => gap >= Timeout * 0.9, server.Log);
    }
}
