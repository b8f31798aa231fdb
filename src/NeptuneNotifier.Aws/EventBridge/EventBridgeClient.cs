using Microsoft.Extensions.Logging;

namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>
/// Client for EventBridge PutEvents on AWSSDK.Core's pipeline (credential chain, SigV4 with the signing name
/// <c>events</c>, retries, timeouts, endpoint configuration as in the official SDK). Requests are checked against what
/// the service accepts before anything is sent (<see cref="PutEventsLimits"/>), with an <see cref="ArgumentException"/>
/// naming the entry and member. Errors surface as <see cref="EventBridgeException"/> subclasses; throttling and 5xx
/// answers are retried with backoff, other errors are not. Answers are read as leniently as the official SDKs read them;
/// what was read as absent is listed in <see cref="PutEventsResponse.Anomalies"/> and logged as a warning.
/// </summary>
/// <remarks>
/// Global endpoints (<see cref="PutEventsRequest.EndpointId"/>) are refused with a <see cref="NotSupportedException"/>:
/// the endpoint rule set sends them to <c>{EndpointId}.endpoint.events.{dnsSuffix}</c> signed with SigV4a for every
/// region, and this client's signatures are proven only for SigV4 (against <c>@smithy/signature-v4</c>). A caller
/// that needs failover across regions puts its events on the bus of its own region and lets a rule forward them.
/// </remarks>
public sealed partial class EventBridgeClient : AwsServiceClient
{
    /// <summary>Region, endpoint and credentials from the environment (the SDK's default chains).</summary>
    public EventBridgeClient()
        : this(new EventBridgeClientConfig())
    {
    }

    /// <summary>Uses the SDK's default credential chain; <paramref name="logger"/> hears of answers read only in part.</summary>
    public EventBridgeClient(EventBridgeClientConfig config, ILogger? logger = null)
        : this(null, config, logger)
    {
    }

    /// <summary>Uses the given credentials (null: the SDK's default chain); <paramref name="logger"/> hears of answers read only in part.</summary>
    public EventBridgeClient(AWSCredentials? credentials, EventBridgeClientConfig config, ILogger? logger = null)
        : base(credentials, config, logger)
    {
    }

    /// <summary>
    /// PutEvents: puts 1 to 10 events in one call. A 200 answer may still report entries that were not put
    /// (<see cref="PutEventsResponse.FailedEntryCount"/>, and an error code on each such entry).
    /// </summary>
    /// <exception cref="ArgumentException">The request breaks a limit of the service; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The request names a global endpoint (see the remarks).</exception>
    public async Task<PutEventsResponse> PutEventsAsync(PutEventsRequest request, CancellationToken cancellationToken)
    {
        PutEventsLimits.Validate(request);
        return await SendCheckedAsync(request, cancellationToken);
    }

    // Sends a request already checked against PutEventsLimits, and logs what of the answer was read only in part.
    private async Task<PutEventsResponse> SendCheckedAsync(PutEventsRequest request, CancellationToken cancellationToken)
    {
        var output = await SendAsync<PutEventsResponse>(request, PutEventsRequestMarshaller.Instance, PutEventsResponseUnmarshaller.Instance, cancellationToken);
        foreach (var anomaly in output.Anomalies)
        {
            LogAnomaly(Logger, request.Entries.Count, output.RequestId, anomaly);
        }

        return output;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventBridge PutEvents answer for {EntryCount} entries (request {RequestId}) was read in part: {Anomaly}")]
    private static partial void LogAnomaly(ILogger logger, int entryCount, string? requestId, string anomaly);
}
