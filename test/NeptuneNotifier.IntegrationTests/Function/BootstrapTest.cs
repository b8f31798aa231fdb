namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// A test of the published Native AOT <c>bootstrap</c>, tried as a user would: a <see cref="LocalCloud"/> of its own,
/// stopped with the test, and the function started on it by the test with the variables the test is about.
/// </summary>
public abstract class BootstrapTest : IAsyncLifetime
{
    private FunctionUnderTest? function;

    /// <param name="cloud">The test's services, with credentials of its own so its logs can be searched for them.</param>
    private protected BootstrapTest(LocalCloud cloud) => Cloud = cloud;

    private protected static CancellationToken Token => TestContext.Current.CancellationToken;

    private protected LocalCloud Cloud { get; }

    private protected FunctionUnderTest Function => function ?? throw new InvalidOperationException("The bootstrap is not started: call StartFunctionAsync first.");

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts the bootstrap on <paramref name="table"/>, or a new state table, as <see cref="FunctionUnderTest.StartAsync"/>
    /// does with <paramref name="variables"/>.
    /// </summary>
    private protected async Task StartFunctionAsync(IReadOnlyDictionary<string, string?>? variables = null, string? table = null) =>
        function = await FunctionUnderTest.StartAsync(Cloud, table ?? await Cloud.CreateStateTableAsync(Token), variables, Token);

    /// <summary>Sends an event the function must answer with a response, and returns the response.</summary>
    private protected Task<JsonElement> InvokeAsync(string payload) => Function.RespondAsync(payload, Token);

    private protected Task<JsonElement> PollAsync() => InvokeAsync("""{"poll":true}""");

    /// <summary>The published sample event <c>events/&lt;name&gt;</c>, as a user sends it.</summary>
    private protected static string SampleEvent(string name) => File.ReadAllText(Path.Combine(Repository.Root, "events", name));
}
