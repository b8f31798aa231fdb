using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace NeptuneNotifier.Cli;

/// <summary>
/// Tells an IAM Identity Center (SSO) session that has ended, or was never started, from other credential failures, so
/// that the operator reads what to run rather than the SDK's words alone. Sessions last hours
/// (https://docs.aws.amazon.com/singlesignon/latest/userguide/configure-user-session.html): this is the credential
/// failure an operator meets most.
/// </summary>
/// <remarks>
/// AWSSDK.Core says so in an <see cref="AmazonClientException"/>: with no cached token, "The profile [name] is an SSO
/// profile. This type of profile is not allowed here." among the default chain's errors, or "No valid SSO Token could
/// be found." for a profile named with <c>--profile</c>; with an expired one, "SSO Token has expired and can not be
/// refreshed" (or "... failed to refresh"). The portal answers a token it no longer honours with 401
/// <c>UnauthorizedException</c> (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html).
/// AWS documents none of these messages as stable: if one changes, the SDK's own words are shown, as for any other
/// failure.
/// </remarks>
internal static partial class SsoSessionHint
{
    /// <summary>The line for <paramref name="exception"/> when it says an SSO session is over; null for any other failure.</summary>
    /// <param name="exception">What the command threw.</param>
    /// <param name="profile">The profile the command runs as (<c>--profile</c>, <c>AWS_PROFILE</c>, <c>default</c>).</param>
    public static string? For(Exception exception, string profile) => exception switch
    {
        AmazonServiceException { StatusCode: System.Net.HttpStatusCode.Unauthorized } service when IsPortal(service) =>
            $"error: AWS answered {service.ErrorCode} (401): {Ended(service.Message, profile)}",
        AmazonServiceException => null,
        AmazonClientException client when NoCachedSession().Match(client.Message) is { Success: true } match =>
            $"error: AWS profile '{match.Groups["profile"].Value}' signs in through IAM Identity Center (SSO), and no session of it is cached (~/.aws/sso/cache). {Advice(match.Groups["profile"].Value)}",
        AmazonClientException client when client.Message.Contains("SSO Token", StringComparison.OrdinalIgnoreCase) =>
            $"error: {Ended(client.Message, profile)}",
        _ => null,
    };

    private static bool IsPortal(AmazonServiceException exception) =>
        exception.GetType().Namespace?.StartsWith("Amazon.SSO", StringComparison.Ordinal) == true;

    private static string Ended(string message, string profile) =>
        $"{message.TrimEnd('.')}: the IAM Identity Center (SSO) session of AWS profile '{profile}' has ended or was never started. {Advice(profile)}";

    private static string Advice(string profile) => $"Run 'aws sso login --profile {profile}', then try again.";

    [GeneratedRegex(@"The profile \[(?<profile>[^\]]+)\] is an SSO profile\.")]
    private static partial Regex NoCachedSession();
}
