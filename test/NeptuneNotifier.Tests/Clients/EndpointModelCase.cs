namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// One case of a service model's own <c>endpoint-tests-1.json</c> (the Smithy endpoint rule-set tests), which the
/// endpoint resolvers are checked against: its parameters and what it expects, an endpoint or an error.
/// </summary>
internal sealed record EndpointModelCase(string Documentation, JsonElement Parameters, JsonElement Expect)
{
    /// <summary>The endpoint the case expects, or <see langword="default"/> when it expects an error.</summary>
    public JsonElement Endpoint => Expect.TryGetProperty("endpoint", out var endpoint) ? endpoint : default;

    public string? ExpectedUrl => Endpoint.ValueKind == JsonValueKind.Object ? Endpoint.GetProperty("url").GetString() : null;

    public string? ExpectedError => Expect.TryGetProperty("error", out var error) ? error.GetString() : null;

    /// <summary>
    /// Every case of the model file <paramref name="fileName"/> kept next to these tests, by its documentation (unique in
    /// each file), which names the case's theory row.
    /// </summary>
    public static IReadOnlyDictionary<string, EndpointModelCase> Load(string fileName)
    {
        var path = Unmarshal.RepositoryFile("test", "NeptuneNotifier.Tests", "Clients", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("testCases").EnumerateArray()
            .Select(testCase => new EndpointModelCase(
                testCase.GetProperty("documentation").GetString()!,
                testCase.TryGetProperty("params", out var parameters) ? parameters.Clone() : default,
                testCase.GetProperty("expect").Clone()))
            .ToDictionary(testCase => testCase.Documentation);
    }

    /// <summary>
    /// Checks a resolver against this case: it is called with the parameters every rule set has (<c>Endpoint</c>,
    /// <c>Region</c>, <c>UseFIPS</c>, <c>UseDualStack</c>) and must give what <paramref name="expected"/> makes of the URL
    /// the case expects, or throw the error the case expects.
    /// </summary>
    public void ShouldResolveAsExpected<T>(Func<string?, string?, bool, bool, T> resolve, Func<string, T> expected)
        where T : class
    {
        var resolveCase = () => resolve(Text("Endpoint"), Text("Region"), Flag("UseFIPS"), Flag("UseDualStack"));
        if (ExpectedError is null)
        {
            resolveCase().ShouldBe(expected(ExpectedUrl!), Documentation);
        }
        else
        {
            Should.Throw<ArgumentException>(resolveCase, Documentation).Message.ShouldBe(ExpectedError, Documentation);
        }
    }

    public string? Text(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value) ? value.GetString() : null;

    public bool Flag(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value) && value.GetBoolean();
}
