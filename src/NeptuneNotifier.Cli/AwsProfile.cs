using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

/// <summary>
/// The AWS profile a command runs as, chosen as the AWS CLI chooses it: <c>--profile</c>, else <c>AWS_PROFILE</c>, else
/// <c>default</c>, from the shared config and credentials files (<c>AWS_CONFIG_FILE</c> and
/// <c>AWS_SHARED_CREDENTIALS_FILE</c> move them).
/// </summary>
/// <remarks>
/// <para>
/// A profile named with <c>--profile</c> gives the credentials even when the environment holds keys, as in the AWS CLI
/// ("An explicitly provided profile will negate an EnvProvider", botocore/credentials.py): the flag names the account
/// to act in, and keys left in a shell for another account must not win. Without the flag, the SDK's default chain
/// decides, as for any AWS SDK program.
/// </para>
/// <para>
/// The profile's <c>region</c> is the last place the Region is read from, after <c>--region</c>, <c>AWS_REGION</c> and
/// <c>AWS_DEFAULT_REGION</c> (https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html).
/// </para>
/// </remarks>
/// <param name="Credentials">The profile's credentials when it was named with <c>--profile</c> and holds some; else null (the default chain).</param>
/// <param name="Region">The profile's <c>region</c>, or null.</param>
internal sealed record AwsProfile(AWSCredentials? Credentials, string? Region)
{
    /// <summary>The name of the profile a command runs as: <c>--profile</c>, else <c>AWS_PROFILE</c>, else <c>default</c>.</summary>
    public static string Name(string? flag, IReadOnlyDictionary<string, string?> environment) =>
        flag ?? (environment.GetValueOrDefault("AWS_PROFILE") is { Length: > 0 } variable ? variable : "default");

    public static AwsProfile Resolve(string? flag, IReadOnlyDictionary<string, string?> environment)
    {
        var name = Name(flag, environment);
        var profiles = new CredentialProfileStoreChain();
        if (!profiles.TryGetProfile(name, out var profile))
        {
            // A profile named only by AWS_PROFILE is the SDK's to report when it looks for credentials.
            return flag is null
                ? new AwsProfile(null, null)
                : throw new CliUsageException($"--profile '{flag}': no such profile in the shared AWS config or credentials file (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).");
        }

        var region = profile.Region?.SystemName;
        if (region is not null && !SettingDefinitions.Region.Accepts(region))
        {
            throw new CliUsageException($"The AWS profile '{name}' has region '{region}', which is not {SettingDefinitions.Region.Form}.");
        }

        // A profile that holds no credentials (a region only, say) leaves them to the rest of the chain, as in the AWS
        // CLI, where an explicit profile removes only the environment's keys: a container's or an instance's still serve.
        return new AwsProfile(flag is null || !profile.CanCreateAWSCredentials ? null : profile.GetAWSCredentials(profiles), region);
    }
}
