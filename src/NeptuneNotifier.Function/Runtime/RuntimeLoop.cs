using System.Net;

namespace NeptuneNotifier.Function.Runtime;

/// <summary>What the function does with one invocation; the loop owns everything Lambda-specific around it.</summary>
internal interface IInvocationHandler
{
    /// <summary>
    /// The longest the handler still runs after its token fires (saving what it finished, building its answer); the loop
    /// fires the token this much earlier, so the answer still reaches the Runtime API a safety margin before the deadline.
    /// </summary>
    TimeSpan WindDown { get; }

    /// <param name="invocation">The event and its metadata.</param>
    /// <param name="cancellationToken">Fires <see cref="WindDown"/> and a safety margin before the invocation's deadline.</param>
    /// <returns>The JSON response payload.</returns>
    Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// The Runtime API loop: fetch the next event, tell <paramref name="invoked"/> the function ARN it names, run the
/// handler under a deadline token, report the result or the error, and go on. An error in one invocation never ends the
/// loop; the Runtime API failing (a 5xx, or no answer) does, with an <see cref="HttpRequestException"/>.
/// </summary>
internal sealed partial class RuntimeLoop(RuntimeApiClient runtime, IInvocationHandler handler, InvokedFunction invoked, TimeProvider timeProvider, ILogger<RuntimeLoop> logger)
{
    /// <summary>Lambda reads the X-Ray trace header of the current invocation from this variable.</summary>
    internal const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>
    /// Left between the handler's answer and the hard deadline (on top of the handler's <see cref="IInvocationHandler.WindDown"/>):
    /// <c>Lambda-Runtime-Deadline-Ms</c> is "the date that the function times out"
    /// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), and a timed-out scheduled invocation counts as
    /// an error and is retried.
    /// </summary>
    internal static TimeSpan SafetyMargin(TimeSpan remaining) =>
        TimeSpan.FromMilliseconds(Math.Clamp(remaining.TotalMilliseconds * 0.1, 500, 5_000));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await runtime.GetNextAsync(stoppingToken);
            }
            catch (InvalidInvocationException exception) when (exception.RequestId is { } requestId)
            {
                LogInvocationFailed(exception, nameof(InvalidInvocationException));
                await ReportAsync(() => runtime.SendErrorAsync(requestId, new FunctionError("Runtime.InvalidInvocation", exception.Message), stoppingToken));
                continue;
            }

            await HandleOneAsync(invocation, stoppingToken);
        }
    }

    internal async Task HandleOneAsync(Invocation invocation, CancellationToken stoppingToken)
    {
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        invoked.Observe(invocation.InvokedFunctionArn);
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["AwsRequestId"] = invocation.RequestId });

        var remaining = invocation.Deadline - timeProvider.GetUtcNow();
        // The handler still saves its place and answers after its token fires: that time comes off the budget too.
        var budget = remaining - SafetyMargin(remaining) - handler.WindDown;
        using var deadline = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);

        byte[] payload;
        try
        {
            payload = await handler.HandleAsync(invocation, linked.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogInvocationFailed(exception, exception.GetType().Name);
            await ReportAsync(() => runtime.SendErrorAsync(invocation.RequestId, FunctionError.From(exception), stoppingToken));
            return;
        }

        await ReportAsync(() => runtime.SendResponseAsync(invocation.RequestId, payload, stoppingToken));
    }

    private async Task ReportAsync(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (HttpRequestException exception) when (IsRefusal(exception.StatusCode))
        {
            // 400 and 403 (an unknown or already answered request id) and 413 (payload too large) refuse this answer
            // only: the next /next still works, so keep serving.
            LogReportFailed(exception);
        }
    }

    // runtime-api.yaml, the OpenAPI file the Runtime API page links (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html),
    // answers /response, /error, /next and /init/error with 500 "Container error. Non-recoverable state. Runtime should
    // exit promptly." It documents no other 5xx; any is taken as the same, since exiting costs only a fresh sandbox while
    // serving on against a broken one could hang. So does an answer that never came (no status): the Runtime API is gone.
    // Either ends the loop with the exception, and Program exits non-zero.
    private static bool IsRefusal(HttpStatusCode? status) => status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError;

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation failed with {ErrorType}")]
    private partial void LogInvocationFailed(Exception exception, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Runtime API did not take the invocation result")]
    private partial void LogReportFailed(Exception exception);
}
