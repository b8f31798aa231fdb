using NeptuneNotifier.Core.Polling;

namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// The settings the function and the CLI share (each has its own log level variable), checked for form but not for presence: for tools that may choose
/// their store, topic or region another way (the CLI). The function reads <see cref="NotifierSettings"/>.
/// </summary>
/// <param name="TableName">TABLE_NAME, when set.</param>
/// <param name="TopicArn">TOPIC_ARN, when set.</param>
/// <param name="EventBusName">EVENT_BUS_NAME, when set.</param>
/// <param name="Region">AWS_REGION (else AWS_DEFAULT_REGION), when set.</param>
/// <param name="Cycle">GRAPH_IDS and the tuning variables.</param>
/// <param name="RequestTimeout">REQUEST_TIMEOUT_SECONDS: the limit on each HTTP attempt of every AWS client.</param>
public sealed record SettingValues(string? TableName, string? TopicArn, string? EventBusName, string? Region, PollCycleOptions Cycle, TimeSpan RequestTimeout)
{
    /// <summary>Reads and checks every setting present.</summary>
    /// <param name="variables">The environment (name to value).</param>
    /// <param name="overrides">Values given another way (CLI flags), which win over the environment.</param>
    /// <exception cref="SettingsException">Any value is invalid; the message lists each one.</exception>
    public static SettingValues Read(IReadOnlyDictionary<string, string?> variables, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var reader = new SettingsReader(variables, overrides);
        var values = Read(reader, required: false);
        reader.ThrowIfInvalid();
        return values;
    }

    /// <summary>
    /// Reads every setting through <paramref name="reader"/>, which collects the problems; with <paramref name="required"/>,
    /// each missing setting the function needs is one, and so is having no channel. A topic or bus ARN of another Region
    /// or partition than AWS_REGION is one whenever both are set (<see cref="ChannelRegions"/>).
    /// </summary>
    internal static SettingValues Read(SettingsReader reader, bool required)
    {
        if (required)
        {
            reader.RequireOneOf(SettingDefinitions.Channels, "set TOPIC_ARN to notify an SNS topic, EVENT_BUS_NAME to put events on an EventBridge bus, or both.");
        }

        var table = reader.Text(SettingDefinitions.TableName, required);
        var (topicArn, eventBus) = (reader.Text(SettingDefinitions.TopicArn), reader.Text(SettingDefinitions.EventBusName));
        var region = reader.Text(SettingDefinitions.Region, required);
        reader.Add(ChannelRegions.Problems(topicArn, eventBus, region));
        return new(
            table,
            topicArn,
            eventBus,
            region,
            new PollCycleOptions
            {
                GraphIds = reader.List(SettingDefinitions.GraphIds),
                Strategy = SettingDefinitions.ParseStrategy(reader.Choice(SettingDefinitions.PollStrategy)),
                MaxConcurrency = reader.Integer(SettingDefinitions.MaxConcurrency),
                RequestsPerSecond = reader.Number(SettingDefinitions.RequestsPerSecond),
                Burst = reader.Integer(SettingDefinitions.RequestBurst),
                Retention = TimeSpan.FromDays(reader.Number(SettingDefinitions.RetentionDays)),
                PublishLease = TimeSpan.FromSeconds(reader.Integer(SettingDefinitions.PublishLeaseSeconds)),
                Alerts = new Alerts.AlertOptions(
                    Minutes(reader.OptionalInteger(SettingDefinitions.OverdueAfterMinutes)),
                    Minutes(reader.OptionalInteger(SettingDefinitions.StalledAfterMinutes))),
            },
            TimeSpan.FromSeconds(reader.Integer(SettingDefinitions.RequestTimeoutSeconds)));
    }

    private static TimeSpan? Minutes(int? value) => value is { } minutes ? TimeSpan.FromMinutes(minutes) : null;
}
