using System.Net;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Tests.Reliability;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// The bad-input corpus cases that need a server: broken Neptune Analytics answers (served by a capture server to our
/// client, next to a good task that must still be notified), SNS errors, and a state table that is missing or wrong.
/// </summary>
public sealed class BadInputServiceTests(DynaliteFixture dynalite) : IAsyncDisposable
{
    private const string GoodTask = "t-goodtask01";
    private const string BadTask = "t-badtask001";
    private const string GraphId = "g-0123456789";

    private static readonly string GoodBody = NeptuneGraphWireMapping.ExportTaskJson(GoodTask, "EXPORTING");

    private readonly LocalCloud cloud = new(dynalite) { Credentials = TestAccount.Credentials, Time = new FakeTimeProvider(TestData.Start) };
    private readonly InMemoryTaskStateStore store = new();
    private readonly RecordingLogger<PollCycle> logger = new();

    public static TheoryData<string> NeptuneResponses => BadInputCorpus.Cases("neptune-response");

    public static TheoryData<string> SnsResponses => BadInputCorpus.Cases("sns-response");

    public static TheoryData<string> Tables => BadInputCorpus.Cases("table");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => cloud.DisposeAsync();

    [Theory]
    [MemberData(nameof(NeptuneResponses))]
    public async Task RunAsync_CorpusNeptuneResponseForOneOfTwoTasks_BadOneHandledSafelyGoodOneNotified(string name)
    {
        // Arrange
        var testCase = BadInputCorpus.Load("neptune-response", name);
        var status = testCase.Input.GetProperty("status").GetInt32();
        var headers = testCase.Input.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        byte[]? rawBody = testCase.InputString("bodyBase64") is { } base64 ? Convert.FromBase64String(base64) : null;
        var body = Expand(testCase, testCase.InputString("body") ?? string.Empty);
        await using var server = new CaptureServer(request => request.RawUrl.Contains(GoodTask, StringComparison.Ordinal)
            ? CannedResponse.Json(200, GoodBody)
            : new CannedResponse(status, body, headers));
        // Bytes that are not UTF-8 cannot pass through the capture server's string bodies: answer those here.
        using var client = LocalClients.Neptune(server.Endpoint, cloud.Credentials, maxErrorRetry: 0, new HandlerClientFactory(
            () => new RawBodyHandler(new SocketsHttpHandler(), BadTask, rawBody is null ? null : (status, headers, rawBody))));
        var channel = new RecordingChannel();
        List<PendingNotification> delivered = [];
        channel.OnPublish = (notification, _) =>
        {
            lock (delivered)
            {
                delivered.Add(notification);
            }

            return Task.CompletedTask;
        };
        await store.TrackAsync([new TaskToTrack(GoodTask, GraphId), new TaskToTrack(BadTask, GraphId)], cloud.Time.GetUtcNow(), Token);

        // Act
        var summary = await Cycle(new NeptuneExportTaskSource(client), channel).RunAsync(Token);

        // Assert: whatever the bad answer, the good task is notified once.
        channel.Published.Count(m => m.Identity.TaskId == GoodTask).ShouldBe(1, logger.Text);
        (await store.GetAsync(GoodTask, Token)).ShouldNotBeNull().Status.ShouldBe(NeptuneTaskStatus.Exporting);
        var bad = (await store.GetAsync(BadTask, Token)).ShouldNotBeNull();
        await BadInputCorpus.VerifyAsync(testCase, () =>
        {
            switch (testCase.Outcome)
            {
                case "failed":
                    summary.Failed.ShouldBe(1, logger.Text);
                    channel.Attempts.ShouldNotContain(m => m.Identity.TaskId == BadTask);
                    (bad.Version, bad.Pending, bad.Snapshot).ShouldBe((0L, (PendingNotification?)null, (TaskSnapshot?)null));
                    var failure = logger.Entries.Single(e => e.Level == LogLevel.Warning && e.Message.Contains(BadTask, StringComparison.Ordinal));
                    var error = Messages(failure.Exception.ShouldNotBeNull());
                    foreach (var expected in testCase.Strings("contains"))
                    {
                        error.ShouldContain(expected.Replace("{taskId}", BadTask, StringComparison.Ordinal), Case.Sensitive, $"{testCase}: {error}");
                    }

                    error.Length.ShouldBeLessThanOrEqualTo(testCase.Number("maxErrorLength") ?? 4_000, $"{testCase}: the error must stay readable");
                    break;
                case "published":
                    summary.Failed.ShouldBe(0, logger.Text);
                    var message = channel.Published.Single(m => m.Identity.TaskId == BadTask);
                    message.Identity.Status.Value.ShouldBe(testCase.Expect.GetProperty("status").GetString());
                    var request = new SnsPublishEnvelope(TestAccount.TopicArn, new NotificationRenderer(new NotificationOptions(TestAccount.Region))).Build(delivered.Single(n => n.TaskId == BadTask));
                    SnsPublishEnvelope.Size(request).ShouldBeLessThanOrEqualTo(SnsPublishEnvelope.MaxPublishBytes);
                    (bad.Snapshot?.StatusReason?.Length ?? 0).ShouldBeLessThanOrEqualTo(PollCycle.MaxStoredReasonChars + 64);
                    break;
                default:
                    throw new InvalidDataException($"{testCase}: unknown outcome '{testCase.Outcome}'");
            }
        });
    }

    [Theory]
    [MemberData(nameof(SnsResponses))]
    public async Task RunAsync_CorpusSnsError_NotificationsWaitAndGoOutOnceWhenTheTopicRecovers(string name)
    {
        // Arrange
        var testCase = BadInputCorpus.Load("sns-response", name);
        var failing = new CannedResponse(
            testCase.Input.GetProperty("status").GetInt32(),
            testCase.InputString("body") ?? string.Empty,
            testCase.Input.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
        var recovered = 0;
        cloud.Sns.Refuse = _ => Volatile.Read(ref recovered) == 0 ? failing : null;
        var source = new FakeExportTaskSource();
        source.Set(TestData.Snapshot(GoodTask, NeptuneTaskStatus.Exporting));
        source.Set(TestData.Snapshot(BadTask, NeptuneTaskStatus.Failed));
        await store.TrackAsync([new TaskToTrack(GoodTask, GraphId), new TaskToTrack(BadTask, GraphId)], cloud.Time.GetUtcNow(), Token);
        var channel = LocalCloud.SnsChannel(cloud.SnsClient(maxErrorRetry: 0));

        // Act
        var failed = await Cycle(source, channel).RunAsync(Token);
        var pending = await Task.WhenAll(store.GetAsync(GoodTask, Token), store.GetAsync(BadTask, Token));
        Volatile.Write(ref recovered, 1);
        cloud.Time.Advance(new PollCycleOptions().PublishLease + TimeSpan.FromSeconds(1));
        var next = await Cycle(source, channel).RunAsync(Token);
        cloud.Time.Advance(new PollCycleOptions().PublishLease + TimeSpan.FromSeconds(1));
        var after = await Cycle(source, channel).RunAsync(Token);

        // Assert
        await BadInputCorpus.VerifyAsync(testCase, () =>
        {
            testCase.Outcome.ShouldBe("retried");
            (failed.Published, failed.Failed).ShouldBe((0, 2), logger.Text);
            pending.ShouldAllBe(task => task!.Pending != null);
            var errors = string.Join("\n", logger.Entries.Where(e => e.Exception is not null).Select(e => Messages(e.Exception!)));
            foreach (var expected in testCase.Strings("contains"))
            {
                errors.ShouldContain(expected, Case.Sensitive, $"{testCase}: {errors}");
            }

            next.Republished.ShouldBe(2, logger.Text);
            (after.Republished, after.Published, after.Failed).ShouldBe((0, 0, 0));
            cloud.Sns.Published.Select(p => p.Event.TaskId).Order(StringComparer.Ordinal).ShouldBe([BadTask, GoodTask]);
        });
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task LoadActiveAsync_CorpusTable_FailsWithAnErrorNamingTheTable(string name)
    {
        // Arrange
        var testCase = BadInputCorpus.Load("table", name);
        var client = cloud.OwnClient(DynaliteClients.Create(cloud.DynamoDbEndpoint, new RequestCounter()));
        var table = $"{testCase.InputString("table")}-{Guid.NewGuid():N}";
        if (testCase.InputString("table") == "wrong-schema")
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = table,
                BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition("id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement("id", Amazon.DynamoDBv2.KeyType.HASH)],
            }, Token);
            await DynaliteClients.WaitUntilActiveAsync(client, table, Token);
        }

        var tableStore = new DynamoDbTaskStateStore(client, table);

        // Act
        var exception = await Should.ThrowAsync<Exception>(() => tableStore.LoadActiveAsync(Token));

        // Assert
        await BadInputCorpus.VerifyAsync(testCase, () =>
        {
            testCase.Outcome.ShouldBe("failed");
            var error = Messages(exception);
            foreach (var expected in testCase.Strings("contains"))
            {
                error.ShouldContain(expected.Replace("{table}", table, StringComparison.Ordinal), Case.Sensitive, $"{testCase}: {exception.GetType().Name}: {error}");
            }
        });
    }

    private static string Expand(BadInputCase testCase, string body)
    {
        body = body.Replace("{taskId}", BadTask, StringComparison.Ordinal);
        if (testCase.Input.TryGetProperty("repeat", out var repeat))
        {
            var unit = repeat.GetProperty("unit").GetString()!;
            body = body.Replace("{repeat}", new StringBuilder(unit.Length * repeat.GetProperty("count").GetInt32()).Insert(0, unit, repeat.GetProperty("count").GetInt32()).ToString(), StringComparison.Ordinal);
        }

        return body;
    }

    // What an operator reads: the exception's message and every inner one.
    private static string Messages(Exception exception)
    {
        var builder = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            builder.Append(current.GetType().Name).Append(": ").Append(current.Message).Append('\n');
        }

        return builder.ToString();
    }

    private PollCycle Cycle(IExportTaskSource source, INotificationChannel channel) =>
        cloud.Cycle(store, source, channel, new PollCycleOptions { MaxConcurrency = 2 }, logger);

    /// <summary>Answers requests for one task with raw bytes, passing every other request on.</summary>
    private sealed class RawBodyHandler(HttpMessageHandler inner, string taskId, (int Status, Dictionary<string, string> Headers, byte[] Body)? raw) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (raw is not { } answer || request.RequestUri?.AbsolutePath.Contains(taskId, StringComparison.Ordinal) != true)
            {
                return base.SendAsync(request, cancellationToken);
            }

            var content = new ByteArrayContent(answer.Body);
            var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = content, RequestMessage = request };
            foreach (var (header, value) in answer.Headers)
            {
                if (!response.Headers.TryAddWithoutValidation(header, value))
                {
                    content.Headers.TryAddWithoutValidation(header, value);
                }
            }

            return Task.FromResult(response);
        }
    }
}
