namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// Client for SNS Publish on AWSSDK.Core's pipeline (credential chain, SigV4, retries, timeouts, endpoint
/// configuration as in the official SDK). Errors surface as <see cref="SnsException"/> subclasses;
/// <c>Throttled</c> and 5xx responses are retried with backoff, other errors are not.
/// </summary>
public sealed class SnsClient : AwsServiceClient
{
    /// <summary>Region, endpoint and credentials from the environment (the SDK's default chains).</summary>
    public SnsClient()
        : this(new SnsClientConfig())
    {
    }

    /// <summary>Uses the SDK's default credential chain.</summary>
    public SnsClient(SnsClientConfig config)
        : this(null, config)
    {
    }

    /// <summary>Uses the given credentials (null: the SDK's default chain).</summary>
    public SnsClient(AWSCredentials? credentials, SnsClientConfig config)
        : base(credentials, config, logger: null)
    {
    }

    /// <summary>Publish: sends a message to a topic, a platform endpoint or a phone number.</summary>
    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        return await SendAsync<PublishResponse>(request, PublishRequestMarshaller.Instance, PublishResponseUnmarshaller.Instance, cancellationToken);
    }

    private static void Validate(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Message, nameof(request.Message));
        var targets = (request.TopicArn is null ? 0 : 1) + (request.TargetArn is null ? 0 : 1) + (request.PhoneNumber is null ? 0 : 1);
        if (targets != 1)
        {
            throw new ArgumentException("Publish needs exactly one of TopicArn, TargetArn or PhoneNumber.", nameof(request));
        }

        if (request.MessageAttributes is { } attributes)
        {
            foreach (var (name, value) in attributes)
            {
                if (string.IsNullOrEmpty(name) || value is null || string.IsNullOrEmpty(value.DataType))
                {
                    throw new ArgumentException($"Message attribute '{name}' needs a name and a DataType.", nameof(request));
                }

                if (value.StringValue is null && value.BinaryValue is null)
                {
                    throw new ArgumentException($"Message attribute '{name}' has neither a StringValue nor a BinaryValue.", nameof(request));
                }
            }
        }
    }
}
