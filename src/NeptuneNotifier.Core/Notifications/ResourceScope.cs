using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core.Notifications;

/// <summary>
/// Where the tasks live, for the ARNs an event names: the partition, Region and account of the graphs. Known, never
/// guessed: the function takes it from its own invoked ARN, the CLI from the bus or topic ARN it was given.
/// </summary>
public sealed partial record ResourceScope
{
    /// <summary>Creates a scope.</summary>
    /// <exception cref="ArgumentException">A part is not of its form (partition <c>aws</c>, <c>aws-cn</c>...; a Region name; 12 digits).</exception>
    public ResourceScope(string partition, string region, string accountId)
    {
        Partition = partition is not null && PartitionPattern().IsMatch(partition) ? partition : throw new ArgumentException($"'{partition}' is not an AWS partition.", nameof(partition));
        Region = region is not null && RegionPattern().IsMatch(region) ? region : throw new ArgumentException($"'{region}' is not an AWS Region name.", nameof(region));
        AccountId = accountId is not null && AccountPattern().IsMatch(accountId) ? accountId : throw new ArgumentException($"'{accountId}' is not an AWS account id (12 digits).", nameof(accountId));
    }

    /// <summary>The partition (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>...).</summary>
    public string Partition { get; }

    /// <summary>The Region of the graphs.</summary>
    public string Region { get; }

    /// <summary>The account of the graphs.</summary>
    public string AccountId { get; }

    /// <summary>
    /// The partition and account of <paramref name="arn"/> (<c>arn:partition:service:region:account:resource</c>),
    /// or null when it is not an ARN naming an account.
    /// </summary>
    public static (string Partition, string AccountId)? AccountOf(string? arn)
    {
        var parts = arn?.Split(':', 6);
        return parts is { Length: 6 } && parts[0] == "arn" && PartitionPattern().IsMatch(parts[1]) && AccountPattern().IsMatch(parts[4])
            ? (parts[1], parts[4])
            : null;
    }

    /// <summary>The task's ARN: <c>arn:{partition}:neptune-graph:{region}:{account}:export-task/{taskId}</c> (<c>import-task/</c> for an import).</summary>
    public string TaskArn(string taskId, TaskKind kind) =>
        $"arn:{Partition}:neptune-graph:{Region}:{AccountId}:{(kind == TaskKind.Import ? "import-task" : "export-task")}/{taskId}";

    /// <summary>The graph's ARN: <c>arn:{partition}:neptune-graph:{region}:{account}:graph/{graphId}</c>.</summary>
    public string GraphArn(string graphId) => $"arn:{Partition}:neptune-graph:{Region}:{AccountId}:graph/{graphId}";

    [GeneratedRegex("^aws(-[a-z]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
