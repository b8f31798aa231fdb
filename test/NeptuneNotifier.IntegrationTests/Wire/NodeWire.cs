namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>Runs the official AWS SDK for JavaScript and the SigV4 verifier under <c>test/node/wire</c>.</summary>
internal static class NodeWire
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars";

    /// <summary>The credentials the official client signs with, for our clients.</summary>
    public static AWSCredentials SigningCredentials => new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);

    public static JsonObject Credentials() => new()
    {
        ["accessKeyId"] = AccessKeyId,
        ["secretAccessKey"] = SecretAccessKey,
        ["sessionToken"] = SessionToken,
    };

    /// <summary>Sends each call through the official client and returns its results (output or error), in order.</summary>
    public static async Task<JsonArray> SendAsync(string service, Uri endpoint, IEnumerable<(string Operation, JsonNode Input)> calls, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["service"] = service,
            ["endpoint"] = endpoint.ToString().TrimEnd('/'),
            ["region"] = TestAccount.Region,
            ["credentials"] = Credentials(),
            ["calls"] = new JsonArray([.. calls.Select(call => (JsonNode)new JsonObject { ["operation"] = call.Operation, ["input"] = call.Input.DeepClone() })]),
        };
        return await RunAsync("wire/send.mjs", request, cancellationToken);
    }

    /// <summary>Verifies each request's SigV4 signature; returns one result object per request.</summary>
    public static async Task<JsonArray> VerifySignaturesAsync(string service, IEnumerable<CapturedRequest> requests, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["service"] = service,
            ["region"] = TestAccount.Region,
            ["credentials"] = Credentials(),
            ["requests"] = new JsonArray([.. requests.Select(captured => (JsonNode)new JsonObject
            {
                ["method"] = captured.Method,
                ["rawUrl"] = captured.RawUrl,
                ["headers"] = new JsonObject([.. captured.Headers.Select(header => KeyValuePair.Create(header.Key, (JsonNode?)header.Value))]),
                ["bodyBase64"] = Convert.ToBase64String(captured.Body),
            })]),
        };
        return await RunAsync("wire/verify-sigv4.mjs", request, cancellationToken);
    }

    /// <summary>
    /// Sends a call through our client (<paramref name="ours"/>) and then the same input through the official client, to
    /// one capture server; asserts that the two requests read the same to the service and that both carry valid SigV4
    /// signatures, and returns the official client's result.
    /// </summary>
    public static async Task<JsonNode> CompareWithOfficialAsync(
        string service, CaptureServer server, string name, Func<Task> ours, string operation, JsonObject input, CancellationToken cancellationToken)
    {
        await ours();
        var reference = (await SendAsync(service, server.Endpoint, [(operation, input)], cancellationToken))[0]!;
        var requests = server.Requests;
        var signatures = await VerifySignaturesAsync(service, requests, cancellationToken);

        reference["ok"]!.GetValue<bool>().ShouldBeTrue($"{name}: the official client failed: {reference.ToJsonString()}");
        requests.Count.ShouldBe(2, name);
        WireComparison.Differences(requests[0], requests[1]).ShouldBeEmpty(name);
        signatures[0]!["ok"]!.GetValue<bool>().ShouldBeTrue($"{name}: our signature: {signatures[0]!.ToJsonString()}");
        signatures[1]!["ok"]!.GetValue<bool>().ShouldBeTrue($"{name}: official signature: {signatures[1]!.ToJsonString()}");
        return reference;
    }

    private static async Task<JsonArray> RunAsync(string script, JsonObject input, CancellationToken cancellationToken)
    {
        var result = await NodeTooling.RunScriptAsync(script, [], input.ToJsonString(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed with exit code {result.ExitCode}:\n{result.StandardError}");
        }

        try
        {
            return JsonNode.Parse(result.StandardOutput)?.AsArray() ?? throw new InvalidOperationException($"node {script} printed nothing");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"node {script} printed something that is not JSON: {result.StandardOutput}\n{result.StandardError}", exception);
        }
    }
}
