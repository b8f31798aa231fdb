using System.Globalization;
using System.Text.RegularExpressions;
using NeptuneNotifier.Core.Polling;

namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// The notifier's configuration, read once from environment variables (the function's and the CLI's contract) and
/// validated as a whole: every bad value is reported, each naming its variable.
/// </summary>
/// <param name="TableName">TABLE_NAME: the DynamoDB table of tracked tasks.</param>
/// <param name="TopicArn">TOPIC_ARN: the SNS topic notifications go to.</param>
/// <param name="Cycle">GRAPH_IDS and the tuning variables.</param>
public sealed partial record NotifierSettings(string TableName, string TopicArn, PollCycleOptions Cycle)
{
    public const string TableNameVariable = "TABLE_NAME";
    public const string TopicArnVariable = "TOPIC_ARN";
    public const string GraphIdsVariable = "GRAPH_IDS";
    public const string MaxConcurrencyVariable = "MAX_CONCURRENCY";
    public const string RequestsPerSecondVariable = "REQUESTS_PER_SECOND";
    public const string RequestBurstVariable = "REQUEST_BURST";
    public const string RetentionDaysVariable = "RETENTION_DAYS";
    public const string PublishLeaseSecondsVariable = "PUBLISH_LEASE_SECONDS";
    public const string RequestTimeoutSecondsVariable = "REQUEST_TIMEOUT_SECONDS";

    /// <summary>
    /// How long one HTTP attempt to any AWS service may take by default: well inside a cycle, so a stalled connection
    /// holds a concurrency slot for seconds, not for HttpClient's 100 s on each of the SDK's attempts.
    /// </summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    private const int MinRequestTimeoutSeconds = 1;
    private const int MaxRequestTimeoutSeconds = 60;

    /// <summary>Every variable this record reads, for documentation and the template check.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        TableNameVariable, TopicArnVariable, GraphIdsVariable, MaxConcurrencyVariable, RequestsPerSecondVariable,
        RequestBurstVariable, RetentionDaysVariable, PublishLeaseSecondsVariable, RequestTimeoutSecondsVariable,
    ];

    /// <summary>REQUEST_TIMEOUT_SECONDS: the limit on each HTTP attempt of every AWS client (Neptune Analytics, SNS, DynamoDB).</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>True for a FIFO topic: notifications then carry a message group and a deduplication id.</summary>
    public bool IsFifoTopic => TopicArn.EndsWith(".fifo", StringComparison.Ordinal);

    /// <summary>Reads and validates the settings.</summary>
    /// <param name="variables">The environment (name to value).</param>
    /// <param name="overrides">Values given another way (CLI flags), which win over the environment.</param>
    /// <exception cref="SettingsException">Any value is missing or invalid; the message lists each one.</exception>
    public static NotifierSettings Load(IReadOnlyDictionary<string, string?> variables, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        List<string> errors = [];
        string? Get(string name) =>
            (overrides is not null && overrides.TryGetValue(name, out var given) && !string.IsNullOrWhiteSpace(given) ? given
                : variables.TryGetValue(name, out var value) ? value : null)?.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        var tableName = Get(TableNameVariable);
        if (tableName is null)
        {
            errors.Add($"{TableNameVariable} is not set: name the DynamoDB table of tracked tasks.");
        }
        else if (!TableNamePattern().IsMatch(tableName))
        {
            errors.Add($"{TableNameVariable} '{tableName}' is not a DynamoDB table name (3 to 255 of a-z, A-Z, 0-9, '_', '-', '.').");
        }

        var topicArn = Get(TopicArnVariable);
        if (topicArn is null)
        {
            errors.Add($"{TopicArnVariable} is not set: give the ARN of the SNS topic to notify.");
        }
        else if (!TopicArnPattern().IsMatch(topicArn))
        {
            errors.Add($"{TopicArnVariable} '{topicArn}' is not an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>).");
        }

        var options = ReadCycle(Get, errors);
        var requestTimeout = ReadRequestTimeout(Get, errors);
        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return new NotifierSettings(tableName!, topicArn!, options) { RequestTimeout = requestTimeout };
    }

    /// <summary>Reads and validates only GRAPH_IDS and the tuning variables (for tools that choose their store and topic another way).</summary>
    /// <exception cref="SettingsException">Any value is invalid; the message lists each one.</exception>
    public static PollCycleOptions LoadCycle(IReadOnlyDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        List<string> errors = [];
        var options = ReadCycle(Lookup(variables), errors);
        return errors.Count > 0 ? throw new SettingsException(errors) : options;
    }

    /// <summary>Reads and validates only REQUEST_TIMEOUT_SECONDS (for tools that read the rest another way).</summary>
    /// <exception cref="SettingsException">The value is invalid; the message names the variable.</exception>
    public static TimeSpan LoadRequestTimeout(IReadOnlyDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        List<string> errors = [];
        var timeout = ReadRequestTimeout(Lookup(variables), errors);
        return errors.Count > 0 ? throw new SettingsException(errors) : timeout;
    }

    private static Func<string, string?> Lookup(IReadOnlyDictionary<string, string?> variables) =>
        name => variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static TimeSpan ReadRequestTimeout(Func<string, string?> get, List<string> errors) => TimeSpan.FromSeconds(Integer(
        get(RequestTimeoutSecondsVariable), RequestTimeoutSecondsVariable, (int)DefaultRequestTimeout.TotalSeconds, MinRequestTimeoutSeconds, MaxRequestTimeoutSeconds, errors));

    private static PollCycleOptions ReadCycle(Func<string, string?> get, List<string> errors)
    {
        var defaults = new PollCycleOptions();
        var graphIds = (get(GraphIdsVariable) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var graphId in graphIds.Where(id => !TaskIds.IsGraphId(id)))
        {
            errors.Add($"{GraphIdsVariable} holds '{graphId}', which is not a graph ID (g-[a-z0-9]{{10}}).");
        }

        return defaults with
        {
            GraphIds = graphIds,
            MaxConcurrency = Integer(get(MaxConcurrencyVariable), MaxConcurrencyVariable, defaults.MaxConcurrency, 1, 64, errors),
            RequestsPerSecond = Number(get(RequestsPerSecondVariable), RequestsPerSecondVariable, defaults.RequestsPerSecond, 0.1, 100, errors),
            Burst = Integer(get(RequestBurstVariable), RequestBurstVariable, defaults.Burst, 1, 100, errors),
            Retention = TimeSpan.FromDays(Number(get(RetentionDaysVariable), RetentionDaysVariable, defaults.Retention.TotalDays, 1, 365, errors)),
            PublishLease = TimeSpan.FromSeconds(Integer(get(PublishLeaseSecondsVariable), PublishLeaseSecondsVariable, (int)defaults.PublishLease.TotalSeconds, 10, 3600, errors)),
        };
    }

    private static int Integer(string? text, string name, int fallback, int min, int max, List<string> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{name} '{text}' must be a whole number from {min} to {max} (default {fallback}).");
        return fallback;
    }

    private static double Number(string? text, string name, double fallback, double min, double max, List<string> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{name} '{text}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (default {fallback.ToString(CultureInfo.InvariantCulture)}).");
        return fallback;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-]{3,255}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:sns:[a-z0-9\-]+:[0-9]{12}:[A-Za-z0-9_\-]{1,256}(\.fifo)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TopicArnPattern();
}

/// <summary>The configuration is invalid; <see cref="Exception.Message"/> lists every problem, one a line.</summary>
public sealed class SettingsException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    /// <summary>Each problem, naming its variable.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
