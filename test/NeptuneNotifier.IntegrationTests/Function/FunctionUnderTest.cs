namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// The published Native AOT <c>bootstrap</c> as Lambda runs it: a process behind a fake Runtime API, with the standard
/// environment pointing it at a <see cref="LocalCloud"/>'s services through the <c>AWS_ENDPOINT_URL_*</c> variables.
/// Owned by the cloud: stopped with the test, before the services it talks to.
/// </summary>
internal sealed class FunctionUnderTest : IAsyncDisposable
{
    private readonly FakeLambdaRuntime runtime;
    private int markers;

    private FunctionUnderTest(FakeLambdaRuntime runtime, RunningProcess process)
    {
        this.runtime = runtime;
        Process = process;
    }

    public RunningProcess Process { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output => Process.Output;

    /// <summary>
    /// Starts the bootstrap on <paramref name="table"/> and the cloud's SNS topic; <paramref name="variables"/> set more
    /// variables or, with a null value, remove one of the standard ones.
    /// </summary>
    public static async Task<FunctionUnderTest> StartAsync(LocalCloud cloud, string table, IReadOnlyDictionary<string, string?>? variables, CancellationToken cancellationToken)
    {
        var path = await BootstrapBuild.PathAsync(aot: true, cancellationToken);
        var runtime = new FakeLambdaRuntime();
        var environment = cloud.AwsEnvironment();
        environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        environment["AWS_LAMBDA_FUNCTION_NAME"] = "neptune-notifier";
        environment["AWS_ENDPOINT_URL_SNS"] = cloud.Sns.Endpoint.ToString();
        environment["TABLE_NAME"] = table;
        environment["TOPIC_ARN"] = TestAccount.TopicArn;
        foreach (var (name, value) in variables ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        return cloud.Own(new FunctionUnderTest(runtime, RunningProcess.Start(ToolProcess.Info(path, [], environment: environment))));
    }

    /// <summary>Sends an event and waits for what the function posts back for it.</summary>
    public Task<RuntimeOutcome> InvokeAsync(string payload, CancellationToken cancellationToken) => runtime.InvokeAsync(payload, cancellationToken);

    /// <summary>Sends an event that must be answered with a response, and returns the response.</summary>
    public async Task<JsonElement> RespondAsync(string payload, CancellationToken cancellationToken)
    {
        var outcome = await runtime.InvokeAsync(payload, cancellationToken);
        outcome.Kind.ShouldBe(RuntimeOutcomeKind.Response, $"{payload}: {outcome}\n{Output}");
        return JsonDocument.Parse(outcome.Body).RootElement.Clone();
    }

    /// <summary>Waits for the next thing the function posts (an init error, before any event).</summary>
    public Task<RuntimeOutcome> NextOutcomeAsync(CancellationToken cancellationToken) => runtime.NextOutcomeAsync(cancellationToken);

    /// <summary>
    /// Everything the function has logged so far. It writes each line before the log call returns, in the order logged,
    /// but this test reads its standard output through a pipe: so once the line it logs for a later event is read, so is
    /// every line logged before. A marker event that the function refuses (and logs with its name) is that later event;
    /// waiting a while instead would only make it likely.
    /// </summary>
    public async Task<string> LogsSoFarAsync(CancellationToken cancellationToken)
    {
        var marker = $"logs-so-far-{Interlocked.Increment(ref markers)}";
        var outcome = await runtime.InvokeAsync($$"""{"detail-type":"{{marker}}","source":"integration-tests"}""", cancellationToken);
        outcome.Kind.ShouldBe(RuntimeOutcomeKind.Error, outcome.ToString());
        await Process.WaitForOutputAsync(marker, cancellationToken);
        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await runtime.DisposeAsync();
    }
}
