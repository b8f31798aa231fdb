using System.Text.Json;
using System.Text.Json.Nodes;
using NeptuneNotifier.IntegrationTests.Infrastructure;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>Runs the official AWS SDK for JavaScript and the SigV4 verifier under <c>test/node/wire</c>.</summary>
internal static class NodeWire
{
    public const string Region = "us-east-1";
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars";

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
            ["region"] = Region,
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
            ["region"] = Region,
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
