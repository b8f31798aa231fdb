using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Tests.Function;

public sealed class RuntimeLoopTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    // runtime-api.yaml: "Runtimes should report all errors using Lambda standard error format ... Content-Type: application/vnd.aws.lambda.error+json".
    private const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    private readonly FakeTimeProvider time = new(Now);
    private readonly FakeRuntimeApi api;
    private readonly InvokedFunction invoked = new();

    public RuntimeLoopTests() => api = new FakeRuntimeApi(time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetNextAsync_Invocation_ReadsHeadersAndPayload()
    {
        api.Enqueue("req-1", Now.AddSeconds(30), "{\"poll\":true}", traceId: "Root=1-abc;Sampled=1");

        var invocation = await Client().GetNextAsync(TestContext.Current.CancellationToken);

        invocation.RequestId.ShouldBe("req-1");
        invocation.Deadline.ShouldBe(Now.AddSeconds(30));
        invocation.TraceId.ShouldBe("Root=1-abc;Sampled=1");
        invocation.InvokedFunctionArn.ShouldBe(TestAccount.FunctionArn);
        Encoding.UTF8.GetString(invocation.Payload).ShouldBe("{\"poll\":true}");
    }

    [Fact]
    public async Task GetNextAsync_NoDeadlineHeader_ThrowsNamingTheHeader()
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}") };
        response.Headers.Add("Lambda-Runtime-Aws-Request-Id", "req-1");
        api.EnqueueRaw(response);

        var error = await Should.ThrowAsync<InvalidInvocationException>(() => Client().GetNextAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("Lambda-Runtime-Deadline-Ms");
        error.RequestId.ShouldBe("req-1");
    }

    // As a local emulator may send it: that invocation is answered with an error, and the next one is served.
    [Fact]
    public async Task RunAsync_InvocationWithoutAValidDeadline_AnswersItWithAnErrorAndKeepsServing()
    {
        var bad = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}") };
        bad.Headers.Add("Lambda-Runtime-Aws-Request-Id", "req-1");
        bad.Headers.Add("Lambda-Runtime-Deadline-Ms", "soon");
        api.EnqueueRaw(bad);
        api.Enqueue("req-2", Now.AddMinutes(1), "{}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = Loop((_, _) => Task.FromResult("{}"u8.ToArray())).RunAsync(stop.Token);
        await WaitUntilAsync(() => api.Posts.Count == 2);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(running);
        api.Posts.Select(p => (p.Path, p.ErrorType)).ShouldBe([
            ("/2018-06-01/runtime/invocation/req-1/error", "Runtime.InvalidInvocation"),
            ("/2018-06-01/runtime/invocation/req-2/response", null),
        ]);
    }

    [Fact]
    public async Task HandleOneAsync_HandlerSucceeds_PostsResponse()
    {
        var loop = Loop((_, _) => Task.FromResult("{\"ok\":true}"u8.ToArray()));

        await loop.HandleOneAsync(Invocation("req-7", "{}"), TestContext.Current.CancellationToken);

        var post = SinglePostTo("/2018-06-01/runtime/invocation/req-7/response");
        post.Body.ShouldBe("{\"ok\":true}");
        post.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public async Task HandleOneAsync_HandlerThrows_PostsErrorWithTypeHeader()
    {
        var loop = Loop((_, _) => throw new ArgumentException("bad event: \"x\""));

        await loop.HandleOneAsync(Invocation("req-8", "{}"), TestContext.Current.CancellationToken);

        var post = SinglePostTo("/2018-06-01/runtime/invocation/req-8/error");
        post.ErrorType.ShouldBe("ArgumentException");
        using var body = JsonDocument.Parse(post.Body);
        body.RootElement.GetProperty("errorType").GetString().ShouldBe("ArgumentException");
        body.RootElement.GetProperty("errorMessage").GetString().ShouldBe("bad event: \"x\"");
        body.RootElement.GetProperty("stackTrace").GetArrayLength().ShouldBe(0);
        post.ContentType.ShouldBe(ErrorContentType);
    }

    [Fact]
    public async Task RunAsync_ErrorThenEvent_KeepsServing()
    {
        var calls = 0;
        var loop = Loop((_, _) => ++calls == 1 ? throw new InvalidOperationException("first fails") : Task.FromResult("{}"u8.ToArray()));
        api.Enqueue("req-1", Now.AddMinutes(1), "{}");
        api.Enqueue("req-2", Now.AddMinutes(1), "{}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = loop.RunAsync(stop.Token);
        await WaitUntilAsync(() => api.Posts.Count == 2);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(running);
        api.Posts.Select(p => p.Path).ShouldBe([
            "/2018-06-01/runtime/invocation/req-1/error",
            "/2018-06-01/runtime/invocation/req-2/response",
        ]);
    }

    [Fact]
    public async Task HandleOneAsync_DeadlineApproaches_CancelsHandlerBeforeDeadline()
    {
        var deadline = Now.AddSeconds(60);
        DateTimeOffset? cancelledAt = null;
        var loop = Loop(async (_, token) =>
        {
            var cancelled = new TaskCompletionSource();
            using (token.Register(() => { cancelledAt = time.GetUtcNow(); cancelled.SetResult(); }))
            {
                await cancelled.Task;
            }

            return "{\"partial\":true}"u8.ToArray();
        });

        var handling = loop.HandleOneAsync(Invocation("req-9", "{}", deadline), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(54.9));
        cancelledAt.ShouldBeNull();
        time.Advance(TimeSpan.FromSeconds(0.1));
        await handling;

        cancelledAt.ShouldNotBeNull();
        (deadline - cancelledAt.Value).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5));
        api.Posts.ShouldHaveSingleItem().Body.ShouldBe("{\"partial\":true}");
    }

    [Fact]
    public async Task HandleOneAsync_HandlerWindsDownAfterCancellation_AnswersASafetyMarginBeforeTheDeadline()
    {
        // Timeout 240 (template.yaml): the token used to fire at 235 s, and a poll's 5 s resume-point write and its
        // answer came after the deadline, where Lambda records "Task timed out" and retries the invocation.
        var deadline = Now.AddSeconds(240);
        var windDown = TimeSpan.FromSeconds(6);
        DateTimeOffset? cancelledAt = null;
        var loop = Loop(
            async (_, token) =>
            {
                var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (token.Register(() => { cancelledAt = time.GetUtcNow(); cancelled.SetResult(); }))
                {
                    await cancelled.Task;
                }

                time.Advance(windDown); // all the time it said it needs once its token fired
                return "{\"partial\":true}"u8.ToArray();
            },
            windDown);

        var handling = loop.HandleOneAsync(Invocation("req-1", "{}", deadline), Token);
        while (cancelledAt is null && time.GetUtcNow() < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await handling;

        var post = SinglePostTo("/2018-06-01/runtime/invocation/req-1/response");
        (deadline - post.At).ShouldBeGreaterThanOrEqualTo(RuntimeLoop.SafetyMargin(TimeSpan.FromSeconds(240)));
        cancelledAt.ShouldBe(deadline - RuntimeLoop.SafetyMargin(TimeSpan.FromSeconds(240)) - windDown);
    }

    [Fact]
    public async Task HandleOneAsync_WindDownLongerThanTheTimeLeft_CancelsAtOnce()
    {
        bool? cancelledAtStart = null;
        var loop = Loop(
            (_, token) =>
            {
                cancelledAtStart = token.IsCancellationRequested;
                return Task.FromResult("{}"u8.ToArray());
            },
            TimeSpan.FromSeconds(6));

        await loop.HandleOneAsync(Invocation("req-1", "{}", Now.AddSeconds(3)), Token);

        cancelledAtStart.ShouldBe(true);
        SinglePostTo("/2018-06-01/runtime/invocation/req-1/response");
    }

    [Theory]
    [InlineData("response", HttpStatusCode.InternalServerError)]
    [InlineData("response", HttpStatusCode.ServiceUnavailable)]
    [InlineData("error", HttpStatusCode.InternalServerError)]
    [InlineData("response", null)]
    public async Task RunAsync_ResultAnsweredWithAContainerErrorOrNotAtAll_EndsTheLoopBeforeTheNextInvocation(string action, HttpStatusCode? status)
    {
        var loop = TwoInvocationsWithFirstAnswered(action, status);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        try
        {
            var error = await Should.ThrowAsync<HttpRequestException>(loop.RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10), Token));

            error.StatusCode.ShouldBe(status);
            error.Message.ShouldContain($"/invocation/req-1/{action}");
            api.NextCalls.ShouldBe(1);
            api.Posts.ShouldHaveSingleItem();
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    [Theory]
    [InlineData("response", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("response", HttpStatusCode.BadRequest)]
    [InlineData("response", HttpStatusCode.Forbidden)]
    [InlineData("error", HttpStatusCode.BadRequest)]
    public async Task RunAsync_ResultRefusedByTheRuntimeApi_KeepsServing(string action, HttpStatusCode status)
    {
        var loop = TwoInvocationsWithFirstAnswered(action, status);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var running = loop.RunAsync(stop.Token);
        await WaitUntilAsync(() => api.Posts.Count == 2);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(running);
        api.Posts[1].Path.ShouldBe("/2018-06-01/runtime/invocation/req-2/response");
    }

    [Fact]
    public async Task RunAsync_NextAnsweredWithAContainerError_Throws()
    {
        api.EnqueueRaw(new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("{}") });
        var loop = Loop((_, _) => Task.FromResult("{}"u8.ToArray()));

        var error = await Should.ThrowAsync<HttpRequestException>(loop.RunAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token));

        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Posts.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleOneAsync_TraceId_SetsXRayVariable()
    {
        string? seen = null;
        var loop = Loop((_, _) =>
        {
            seen = Environment.GetEnvironmentVariable(RuntimeLoop.TraceIdVariable);
            return Task.FromResult("{}"u8.ToArray());
        });

        await loop.HandleOneAsync(Invocation("req-1", "{}", traceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700"), TestContext.Current.CancellationToken);

        seen.ShouldBe("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700");
    }

    [Fact]
    public async Task SendInitErrorAsync_Error_PostsToInitError()
    {
        await Client().SendInitErrorAsync(new FunctionError("ConfigurationException", "TABLE_NAME is not set"), TestContext.Current.CancellationToken);

        var post = SinglePostTo("/2018-06-01/runtime/init/error");
        post.ErrorType.ShouldBe("ConfigurationException");
        post.Body.ShouldContain("TABLE_NAME is not set");
        post.ContentType.ShouldBe(ErrorContentType);
    }

    [Fact]
    public async Task HandleOneAsync_InvocationNamesTheFunction_TellsWhereTheTasksLiveBeforeTheHandlerRuns()
    {
        string? seen = null;
        var loop = Loop((_, _) =>
        {
            seen = invoked.AccountId;
            return Task.FromResult("{}"u8.ToArray());
        });

        await loop.HandleOneAsync(Invocation("req-1", "{}") with { InvokedFunctionArn = "arn:aws-cn:lambda:cn-north-1:210987654321:function:notifier:live" }, TestContext.Current.CancellationToken);

        seen.ShouldBe("210987654321");
    }

    [Fact]
    public async Task HandleOneAsync_InvocationWithoutFunctionArn_KeepsWhatAnEarlierOneSaid()
    {
        var loop = Loop((_, _) => Task.FromResult("{}"u8.ToArray()));
        await loop.HandleOneAsync(Invocation("req-1", "{}"), TestContext.Current.CancellationToken);

        await loop.HandleOneAsync(Invocation("req-2", "{}") with { InvokedFunctionArn = null }, TestContext.Current.CancellationToken);

        invoked.AccountId.ShouldBe(TestAccount.Id);
    }

    [Theory]
    [InlineData(900_000, 5_000)]
    [InlineData(30_000, 3_000)]
    [InlineData(3_000, 500)]
    public void SafetyMargin_Remaining_IsTenPercentWithinBounds(int remainingMs, int expectedMs) =>
        RuntimeLoop.SafetyMargin(TimeSpan.FromMilliseconds(remainingMs)).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));

    private static Invocation Invocation(string requestId, string payload, DateTimeOffset? deadline = null, string? traceId = null) =>
        new(requestId, deadline ?? Now.AddMinutes(1), TestAccount.FunctionArn, traceId, Encoding.UTF8.GetBytes(payload));

    private RecordedPost SinglePostTo(string path)
    {
        var post = api.Posts.ShouldHaveSingleItem();
        post.Path.ShouldBe(path);
        return post;
    }

    // req-1 and req-2 queued; the Runtime API answers req-1's /response or /error (action) with status; req-1 fails when action is "error".
    // The first invocation's result is answered with status, or with no answer at all when it is null.
    private RuntimeLoop TwoInvocationsWithFirstAnswered(string action, HttpStatusCode? status)
    {
        var path = $"/2018-06-01/runtime/invocation/req-1/{action}";
        if (status is { } answer)
        {
            api.AnswerPost(path, answer);
        }
        else
        {
            api.DropPost(path);
        }

        api.Enqueue("req-1", Now.AddMinutes(1), "{}");
        api.Enqueue("req-2", Now.AddMinutes(1), "{}");
        return Loop((invocation, _) => invocation.RequestId == "req-1" && action == "error"
            ? throw new InvalidOperationException("fails")
            : Task.FromResult("{}"u8.ToArray()));
    }

    private RuntimeApiClient Client() => new(new HttpClient(api) { Timeout = Timeout.InfiniteTimeSpan }, "127.0.0.1:9001");

    private RuntimeLoop Loop(Func<Invocation, CancellationToken, Task<byte[]>> handle, TimeSpan windDown = default) =>
        new(Client(), new DelegateHandler(handle, windDown), invoked, time, NullLogger<RuntimeLoop>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        condition().ShouldBeTrue();
    }

    private sealed class DelegateHandler(Func<Invocation, CancellationToken, Task<byte[]>> handle, TimeSpan windDown) : IInvocationHandler
    {
        public TimeSpan WindDown => windDown;

        public Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken) => handle(invocation, cancellationToken);
    }
}
