using Amazon;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Builds the AWS clients the notifier uses, alike: the region (the standard <c>AWS_ENDPOINT_URL_*</c>
/// variables still override the endpoint), the SDK's credential chain, and one limit on each HTTP attempt.
/// </summary>
/// <remarks>
/// On .NET, AWSSDK.Core 4.1.0 applies <see cref="ClientConfig.Timeout"/> as <see cref="HttpClient.Timeout"/> of the
/// client that sends each attempt (its <c>ClientConfig.Timeout</c> documentation: "the value is assigned to the
/// Timeout property of the HttpWebRequest/HttpClient object"); the retry policy treats the resulting
/// <see cref="TimeoutException"/> as transient, so a call that never gets an answer fails after about the timeout times
/// the attempts (3 in standard mode, 4 for DynamoDB), plus the jittered backoff. <c>ReadWriteTimeout</c> exists only in
/// the .NET Framework build (it is absent from the package's net8.0 and net10.0 reference documentation). Without a
/// value, HttpClient's default of 100 s applies to every attempt. Proven per client by <c>RequestTimeoutTests</c>.
/// <para>
/// AWSSDK.Core 4.1.0 also retries "stale pooled connection" errors (a connection reset or broken pipe) without
/// counting them against the retry limit, up to <see cref="ClientConfig.MaxStaleConnectionRetries"/> (10 by default).
/// A timed-out attempt sometimes surfaces as such a reset (seen in the tests: one or two extra attempts now and then),
/// so <see cref="MaxStaleConnectionRetries"/> caps them: a truly stale connection fails at once, and two free
/// retries cover the pooled connections a thawed Lambda sandbox finds closed.
/// </para>
/// </remarks>
/// <param name="region">The region every client calls.</param>
/// <param name="requestTimeout">The limit on one HTTP attempt, up to the response headers.</param>
public sealed class ServiceClientFactory(RegionEndpoint region, TimeSpan requestTimeout)
{
    private readonly RegionEndpoint region = region ?? throw new ArgumentNullException(nameof(region));

    private readonly TimeSpan requestTimeout = requestTimeout > TimeSpan.Zero
        ? requestTimeout
        : throw new ArgumentOutOfRangeException(nameof(requestTimeout), requestTimeout, "The request timeout must be positive.");

    /// <summary>Retries of a stale pooled connection outside the retry limit (see the remarks).</summary>
    public const int MaxStaleConnectionRetries = 2;

    /// <summary>A fixed endpoint instead of the region's (tests against local servers).</summary>
    internal string? ServiceUrl { get; init; }

    /// <summary>
    /// Fixed credentials instead of the SDK's chain (the CLI's <c>--profile</c>, and tests). Null is the chain itself,
    /// for every client alike: AWSSDK.Core 4.1.0's <c>AmazonServiceClient(ClientConfig)</c> is <c>this(null, config)</c>.
    /// </summary>
    public AWSCredentials? Credentials { get; init; }

    public AmazonDynamoDBClient CreateDynamoDb() => new(Credentials, Configure(new AmazonDynamoDBConfig()));

    public NeptuneGraphClient CreateNeptuneGraph(ILogger? logger = null) => new(Credentials, Configure(new NeptuneGraphClientConfig()), logger);

    public SnsClient CreateSns() => new(Credentials, Configure(new SnsClientConfig()));

    public EventBridgeClient CreateEventBridge(ILogger? logger = null) => new(Credentials, Configure(new EventBridgeClientConfig()), logger);

    private T Configure<T>(T config)
        where T : ClientConfig
    {
        if (ServiceUrl is null)
        {
            config.RegionEndpoint = region;
        }
        else
        {
            config.ServiceURL = ServiceUrl;
        }

        // With a fixed endpoint (ours, or an AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<service> override, which ServiceURL then
        // returns), AWSSDK.Core 4.1.0 signs for the region of its own chain (AWS_REGION, then the profile's), not the
        // RegionEndpoint given here: a --region other than the profile's was refused for a bad signature
        // (CliCredentialTests). On the region's own endpoint the SDK's endpoint rules choose the signing region, which
        // differs from the name for pseudo-regions such as fips-us-gov-west-1, so it is left to them.
        if (config.ServiceURL is not null)
        {
            config.AuthenticationRegion = region.SystemName;
        }

        config.Timeout = requestTimeout;
        config.MaxStaleConnectionRetries = MaxStaleConnectionRetries;
        return config;
    }
}
