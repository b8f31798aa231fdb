using System.Globalization;
using System.Net.Http.Headers;

namespace NeptuneNotifier.Function.Runtime;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01): <c>/runtime/invocation/next</c>, <c>/response</c>, <c>/error</c>
/// and <c>/runtime/init/error</c>.
/// </summary>
/// <remarks>The <see cref="HttpClient"/> must have no timeout: <c>/next</c> blocks while the sandbox is frozen.</remarks>
internal sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // runtime-api.yaml, linked from https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html: "Runtimes should
    // report all errors using Lambda standard error format ... Content-Type: application/vnd.aws.lambda.error+json".
    private static readonly MediaTypeHeaderValue ErrorJson = new("application/vnd.aws.lambda.error+json");

    private readonly Uri baseUri = new($"http://{runtimeApi}/2018-06-01/runtime/", UriKind.Absolute);

    public async Task<Invocation> GetNextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseUri, "invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken);
        EnsureSuccess(response, "GET invocation/next");

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidInvocationException("The Runtime API sent an invocation without a Lambda-Runtime-Aws-Request-Id header.", null);
        var deadlineText = Header(response, "Lambda-Runtime-Deadline-Ms");
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            throw new InvalidInvocationException($"The Runtime API sent invocation {requestId} with an invalid Lambda-Runtime-Deadline-Ms header '{deadlineText}'.", requestId);
        }

        return new Invocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task SendResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = Json;
        var uri = InvocationUri(requestId, "response");
        using var response = await http.PostAsync(uri, content, cancellationToken);
        EnsureSuccess(response, "POST " + uri.AbsolutePath);
    }

    public Task SendErrorAsync(string requestId, FunctionError error, CancellationToken cancellationToken) =>
        PostErrorAsync(InvocationUri(requestId, "error"), error, cancellationToken);

    public Task SendInitErrorAsync(FunctionError error, CancellationToken cancellationToken) =>
        PostErrorAsync(new Uri(baseUri, "init/error"), error, cancellationToken);

    private async Task PostErrorAsync(Uri uri, FunctionError error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new ErrorBody(error.ErrorMessage, error.ErrorType, []), FunctionJsonContext.Default.ErrorBody));
        content.Headers.ContentType = ErrorJson;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "POST " + uri.AbsolutePath);
    }

    /// <summary>Throws for an answer other than 2xx, naming the call and the status (the loop tells 4xx from 5xx by it).</summary>
    private static void EnsureSuccess(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The Runtime API answered {(int)response.StatusCode} ({response.ReasonPhrase}) to {call}.", null, response.StatusCode);
        }
    }

    private Uri InvocationUri(string requestId, string action) =>
        new(baseUri, $"invocation/{Uri.EscapeDataString(requestId)}/{action}");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>
/// <c>/next</c> answered with an invocation that cannot be served (no request id, or no valid deadline). Real Lambda
/// always sends both; a local emulator may not. With <see cref="RequestId"/>, the loop answers that invocation with an
/// error and goes on; without it, nothing can be answered and the runtime exits.
/// </summary>
internal sealed class InvalidInvocationException(string message, string? requestId) : Exception(message)
{
    public string? RequestId { get; } = requestId;
}
