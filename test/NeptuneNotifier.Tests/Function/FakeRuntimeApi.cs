using System.Globalization;
using System.Threading.Channels;

namespace NeptuneNotifier.Tests.Function;

/// <summary>An in-memory Lambda Runtime API: queued invocations out, recorded posts in, each with when it arrived.</summary>
internal sealed class FakeRuntimeApi(TimeProvider timeProvider) : HttpMessageHandler
{
    private readonly Channel<HttpResponseMessage> next = Channel.CreateUnbounded<HttpResponseMessage>();
    private readonly Dictionary<string, HttpStatusCode> postAnswers = new(StringComparer.Ordinal);
    private readonly HashSet<string> droppedPosts = new(StringComparer.Ordinal);
    private int nextCalls;

    public List<RecordedPost> Posts { get; } = [];

    /// <summary>How many times the function asked for <c>/invocation/next</c>.</summary>
    public int NextCalls => Volatile.Read(ref nextCalls);

    public void Enqueue(string requestId, DateTimeOffset deadline, string payload, string? traceId = null, string? functionArn = TestAccount.FunctionArn)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(payload) };
        response.Headers.Add("Lambda-Runtime-Aws-Request-Id", requestId);
        response.Headers.Add("Lambda-Runtime-Deadline-Ms", deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        if (traceId is not null)
        {
            response.Headers.Add("Lambda-Runtime-Trace-Id", traceId);
        }

        if (functionArn is not null)
        {
            response.Headers.Add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        }

        next.Writer.TryWrite(response);
    }

    public void EnqueueRaw(HttpResponseMessage response) => next.Writer.TryWrite(response);

    /// <summary>Answers every POST to <paramref name="path"/> with <paramref name="status"/> (recording it all the same) instead of 202.</summary>
    public void AnswerPost(string path, HttpStatusCode status) => postAnswers[path] = status;

    /// <summary>Records every POST to <paramref name="path"/>, then gives it no answer, as a dropped connection does.</summary>
    public void DropPost(string path) => droppedPosts.Add(path);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == "/2018-06-01/runtime/invocation/next")
        {
            Interlocked.Increment(ref nextCalls);
            return await next.Reader.ReadAsync(cancellationToken);
        }

        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var errorType = request.Headers.TryGetValues("Lambda-Runtime-Function-Error-Type", out var values) ? values.Single() : null;
        lock (Posts)
        {
            Posts.Add(new RecordedPost(request.Method.Method, path, body, errorType, request.Content?.Headers.ContentType?.MediaType, timeProvider.GetUtcNow()));
        }

        if (droppedPosts.Contains(path))
        {
            throw new HttpRequestException($"The connection was closed before POST {path} was answered (dropped by the test).");
        }

        return new HttpResponseMessage(postAnswers.GetValueOrDefault(path, HttpStatusCode.Accepted))
        {
            Content = new StringContent("""{"errorMessage":"answered by the test","errorType":"Test"}"""),
        };
    }
}

internal sealed record RecordedPost(string Method, string Path, string Body, string? ErrorType, string? ContentType, DateTimeOffset At);
