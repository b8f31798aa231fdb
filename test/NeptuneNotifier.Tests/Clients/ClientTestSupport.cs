using Amazon.Runtime.EventStreams;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>An HTTP response as AWSSDK.Core hands it to an unmarshaller, without any network.</summary>
internal sealed class FakeWebResponse(HttpStatusCode status, string body, IReadOnlyDictionary<string, string>? headers = null) : IWebResponseData, IHttpResponseBody
{
    private readonly Dictionary<string, string> headers = new(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; } = Encoding.UTF8.GetBytes(body);

    public long ContentLength => Body.Length;

    public string ContentType => headers.GetValueOrDefault("Content-Type") ?? string.Empty;

    public HttpStatusCode StatusCode { get; } = status;

    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and < 300;

    public IHttpResponseBody ResponseBody => this;

    public string[] GetHeaderNames() => [.. headers.Keys];

    public bool IsHeaderPresent(string headerName) => headers.ContainsKey(headerName);

    public string GetHeaderValue(string headerName) => headers.GetValueOrDefault(headerName) ?? string.Empty;

    public IEventStreamHeader GetEventStreamHeader(string headerName) => throw new NotSupportedException("no event streams here");

    public bool IsEventHeaderPresent(string headerName) => false;

    public Stream OpenResponse() => new MemoryStream(Body, writable: false);

    public Task<Stream> OpenResponseAsync() => Task.FromResult(OpenResponse());

    public void Dispose()
    {
    }
}

internal static class Unmarshal
{
    /// <summary>Runs a success response through the unmarshaller as the SDK's Unmarshaller handler does.</summary>
    public static object? Success(ResponseUnmarshaller unmarshaller, FakeWebResponse response)
    {
        using var context = unmarshaller.CreateContext(response, false, response.OpenResponse(), null, false, null);
        return ((WireResponse)unmarshaller.UnmarshallResponse(context)).Output;
    }

    /// <summary>Runs an error response through the unmarshaller as the SDK's error handler does.</summary>
    public static AmazonServiceException Error(ResponseUnmarshaller unmarshaller, FakeWebResponse response)
    {
        using var context = unmarshaller.CreateContext(response, true, response.OpenResponse(), null, true, null);
        return unmarshaller.UnmarshallException(context, new HttpErrorResponseException(response), response.StatusCode);
    }

    public static string RepositoryFile(params string[] parts) => Path.Combine([Repository.Root, .. parts]);
}

/// <summary>Clients of an endpoint where nothing listens: a request that got past validation fails with a network error instead.</summary>
internal static class UnreachableClients
{
    public const string ServiceUrl = "http://127.0.0.1:9";

    public static NeptuneGraphClient NeptuneGraph() =>
        new(TestAccount.Credentials, new NeptuneGraphClientConfig { ServiceURL = ServiceUrl, AuthenticationRegion = TestAccount.Region, MaxErrorRetry = 0 });

    public static SnsClient Sns() =>
        new(TestAccount.Credentials, new SnsClientConfig { ServiceURL = ServiceUrl, AuthenticationRegion = TestAccount.Region, MaxErrorRetry = 0 });
}
