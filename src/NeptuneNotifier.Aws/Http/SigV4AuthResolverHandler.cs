using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Chooses SigV4 for every operation. AWSSDK.Core's Signer handler needs a chosen auth scheme and an identity on the
/// request context; without this handler after the Marshaller, signing fails with a NullReferenceException.
/// </summary>
internal sealed class SigV4AuthResolverHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}
