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

    /// <summary>Every case of the model file <paramref name="fileName"/> kept next to these tests.</summary>
    public static IReadOnlyList<EndpointModelCase> Load(string fileName)
    {
        var path = Unmarshal.RepositoryFile("test", "NeptuneNotifier.Tests", "Clients", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return
        [
            .. document.RootElement.GetProperty("testCases").EnumerateArray().Select(testCase => new EndpointModelCase(
                testCase.GetProperty("documentation").GetString()!,
                testCase.TryGetProperty("params", out var parameters) ? parameters.Clone() : default,
                testCase.GetProperty("expect").Clone())),
        ];
    }

    /// <summary>Checks a resolver against one case: the endpoint it expects, or the message of the error it expects.</summary>
    public static void ShouldResolveAsExpected<T>(Func<T> resolve, Func<T> expected, string? expectedError, string documentation)
        where T : class
    {
        if (expectedError is null)
        {
            resolve().ShouldBe(expected(), documentation);
        }
        else
        {
            Should.Throw<ArgumentException>(resolve, documentation).Message.ShouldBe(expectedError, documentation);
        }
    }

    public string? Text(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value) ? value.GetString() : null;

    public bool Flag(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value) && value.GetBoolean();
}
