using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace NeptuneNotifier.Cli;

/// <summary>
/// Says what to run when the AWS credentials the CLI looked for are missing or have run out, rather than the SDK's words
/// alone: an IAM Identity Center (SSO) session that has ended or was never started, the failure an operator meets most
/// (sessions last hours, https://docs.aws.amazon.com/singlesignon/latest/userguide/configure-user-session.html), and a
/// machine with no credentials at all, the first an operator meets.
/// </summary>
/// <remarks>
/// AWSSDK.Core says so in an <see cref="AmazonClientException"/>: with no cached token, "The profile [name] is an SSO
/// profile. This type of profile is not allowed here." among the default chain's errors, or "No valid SSO Token could
/// be found." for a profile named with <c>--profile</c>; with an expired one, "SSO Token has expired and can not be
/// refreshed" (or "... failed to refresh"); with nothing configured, "Failed to resolve AWS credentials." and one line
/// for each place it looked, the profile's being 'Unable to find the "default" profile.' or, for a profile that holds
/// no credentials, "Credential profile [name] is not valid.". The portal answers a token it
/// no longer honours with 401 <c>UnauthorizedException</c>
/// (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html). AWS documents none
/// of these messages as stable: if one changes, the SDK's own words are shown, as for any other failure.
/// </remarks>
internal static partial class CredentialHint
{
    /// <summary>The line for <paramref name="exception"/> when it says credentials are missing or over; null for any other failure.</summary>
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
        AmazonClientException client when IsChainFailure(client) && client.Message.Contains("Unable to find the \"default\" profile.", StringComparison.Ordinal) =>
            "error: No AWS credentials: none in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), no 'default' profile (~/.aws/config, ~/.aws/credentials), " +
            "no web identity token (AWS_WEB_IDENTITY_TOKEN_FILE) and no instance role. Run 'aws configure' or 'aws sso login', or name a profile with --profile.",
        AmazonClientException client when IsChainFailure(client) && InvalidProfile().Match(client.Message) is { Success: true } match =>
            $"error: No AWS credentials: profile '{match.Groups["profile"].Value}' holds none that can be used (keys, a role, an SSO session or a credential_process), " +
            $"and the environment holds no keys. Check it in ~/.aws/config and ~/.aws/credentials, or run 'aws configure --profile {match.Groups["profile"].Value}'.",
        _ => null,
    };

    private static bool IsChainFailure(AmazonClientException exception) =>
        exception.Message.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal);

    private static bool IsPortal(AmazonServiceException exception) =>
        exception.GetType().Namespace?.StartsWith("Amazon.SSO", StringComparison.Ordinal) == true;

    private static string Ended(string message, string profile) =>
        $"{message.TrimEnd('.')}: the IAM Identity Center (SSO) session of AWS profile '{profile}' has ended or was never started. {Advice(profile)}";

    private static string Advice(string profile) => $"Run 'aws sso login --profile {profile}', then try again.";

    [GeneratedRegex(@"The profile \[(?<profile>[^\]]+)\] is an SSO profile\.")]
    private static partial Regex NoCachedSession();

    [GeneratedRegex(@"Credential profile \[(?<profile>[^\]]+)\] is not valid\.")]
    private static partial Regex InvalidProfile();
}
