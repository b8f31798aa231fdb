using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// What our own service clients do alike on AWSSDK.Core's pipeline: SigV4 for every operation, one call that carries
/// one of our request records in and its response record out, and a logger for answers read only in part.
/// </summary>
public abstract class AwsServiceClient : AmazonServiceClient
{
    private ServiceMetadata? serviceMetadata;

    /// <summary>
    /// Uses the given credentials, or the SDK's default credential chain when <paramref name="credentials"/> is null:
    /// AWSSDK.Core 4.1.0's <c>AmazonServiceClient(ClientConfig)</c> is itself <c>this(null, config)</c>, and the pipeline
    /// resolves the chain whenever no explicit credentials were given.
    /// </summary>
    private protected AwsServiceClient(AWSCredentials? credentials, AwsServiceConfig config, ILogger? logger)
        : base(credentials, config)
    {
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The service as the pipeline knows it, by the id its <see cref="AwsServiceConfig"/> gives.</summary>
    protected override IServiceMetadata ServiceMetadata => serviceMetadata ??= new ServiceMetadata(Config.ServiceId);

    private protected ILogger Logger { get; }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolverHandler());
    }

    /// <summary>Sends <paramref name="request"/> through the pipeline (signing, retries, timeouts) and returns what <paramref name="unmarshaller"/> read.</summary>
    private protected async Task<TResponse> SendAsync<TResponse>(
        object request,
        IMarshaller<IRequest, AmazonWebServiceRequest> marshaller,
        ResponseUnmarshaller unmarshaller,
        CancellationToken cancellationToken)
    {
        var options = new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller };
        var response = await InvokeAsync<WireResponse>(new WireRequest(request), options, cancellationToken);
        return (TResponse)response.Output!;
    }
}
