using NeptuneNotifier.Core.Polling;

namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// The function's configuration, read once from environment variables (declared in <see cref="SettingDefinitions"/>)
/// and validated as a whole: every missing or bad value is reported, each naming its variable.
/// </summary>
/// <param name="TableName">TABLE_NAME: the DynamoDB table of tracked tasks.</param>
/// <param name="TopicArn">TOPIC_ARN: the SNS topic notifications go to, or null when only <see cref="EventBusName"/> is set.</param>
/// <param name="Cycle">GRAPH_IDS and the tuning variables.</param>
public sealed record NotifierSettings(string TableName, string? TopicArn, PollCycleOptions Cycle)
{
    /// <summary>EVENT_BUS_NAME: the event bus (name, ARN or <c>default</c>) transitions are put on, or null when only <see cref="TopicArn"/> is set.</summary>
    public string? EventBusName { get; init; }

    /// <summary>REQUEST_TIMEOUT_SECONDS: the limit on each HTTP attempt of every AWS client (Neptune Analytics, SNS, DynamoDB).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(SettingDefinitions.RequestTimeoutSeconds.Default);

    /// <summary>
    /// AWS_REGION: the Region of the table, the topic, the bus and the graphs; a TOPIC_ARN or EVENT_BUS_NAME ARN of another
    /// Region or partition is refused.
    /// </summary>
    public required string Region { get; init; }

    /// <summary>LOG_LEVEL: the minimum level of the function's log lines.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Reads and validates the settings; TABLE_NAME, AWS_REGION and at least one of TOPIC_ARN and EVENT_BUS_NAME must be set.</summary>
    /// <param name="variables">The environment (name to value).</param>
    /// <param name="overrides">Values given another way, which win over the environment.</param>
    /// <exception cref="SettingsException">Any value is missing or invalid; the message lists each one.</exception>
    public static NotifierSettings Load(IReadOnlyDictionary<string, string?> variables, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var reader = new SettingsReader(variables, overrides);
        var values = SettingValues.Read(reader, required: true);
        var logLevel = reader.LogLevel(SettingDefinitions.LogLevel);
        reader.ThrowIfInvalid();
        return new NotifierSettings(values.TableName!, values.TopicArn, values.Cycle)
        {
            EventBusName = values.EventBusName,
            RequestTimeout = values.RequestTimeout,
            Region = values.Region!,
            LogLevel = logLevel,
        };
    }
}
