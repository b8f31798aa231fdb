using Amazon.Runtime.Internal;

namespace NeptuneNotifier.Aws.Http;

internal sealed class ServiceMetadata(string serviceId) : IServiceMetadata
{
    public string ServiceId { get; } = serviceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
