using Amazon.DynamoDBv2;
using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// Our Neptune Analytics, SNS and EventBridge clients and the DynamoDB client, built for a local endpoint: with only
/// <c>ServiceURL</c> set the SDK also needs <c>AuthenticationRegion</c> to sign. Retries, timeout and HTTP handlers are
/// the SDK's defaults unless a test chooses them.
/// </summary>
internal static class LocalClients
{
    public static NeptuneGraphClient Neptune(
        Uri endpoint, AWSCredentials credentials, int? maxErrorRetry = null, HttpClientFactory? http = null, RequestRetryMode? retryMode = null, TimeSpan? timeout = null) =>
        new(credentials, Configure(new NeptuneGraphClientConfig(), endpoint, maxErrorRetry, http, retryMode, timeout));

    public static SnsClient Sns(Uri endpoint, AWSCredentials credentials, int? maxErrorRetry = null, TimeSpan? timeout = null) =>
        new(credentials, Configure(new SnsClientConfig(), endpoint, maxErrorRetry, http: null, retryMode: null, timeout));

    public static EventBridgeClient EventBridge(Uri endpoint, AWSCredentials credentials, int? maxErrorRetry = null, TimeSpan? timeout = null, RequestRetryMode? retryMode = null) =>
        new(credentials, Configure(new EventBridgeClientConfig(), endpoint, maxErrorRetry, http: null, retryMode, timeout));

    public static AmazonDynamoDBClient DynamoDb(Uri endpoint, AWSCredentials credentials, int? maxErrorRetry = null, HttpClientFactory? http = null) =>
        new(credentials, Configure(new AmazonDynamoDBConfig(), endpoint, maxErrorRetry, http, retryMode: null, timeout: null));

    private static T Configure<T>(T config, Uri endpoint, int? maxErrorRetry, HttpClientFactory? http, RequestRetryMode? retryMode, TimeSpan? timeout)
        where T : ClientConfig
    {
        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = TestAccount.Region;
        if (retryMode is { } mode)
        {
            config.RetryMode = mode;
        }

        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        if (http is not null)
        {
            config.HttpClientFactory = http;
        }

        if (timeout is { } value)
        {
            config.Timeout = value;
        }

        return config;
    }
}

/// <summary>Hands the SDK an <see cref="HttpClient"/> over our handler chain.</summary>
internal sealed class HandlerClientFactory(Func<HttpMessageHandler> create) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(create());

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
