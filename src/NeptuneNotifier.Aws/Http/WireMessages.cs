namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Carries one of our request records through AWSSDK.Core's pipeline, which only accepts its own request base type.
/// Keeping the records out of the SDK's class hierarchy keeps our public models immutable values.
/// </summary>
internal sealed class WireRequest(object input) : AmazonWebServiceRequest
{
    public object Input { get; } = input;
}

/// <summary>Carries one of our response records back out of the pipeline.</summary>
internal sealed class WireResponse : AmazonWebServiceResponse
{
    public object? Output { get; set; }
}
