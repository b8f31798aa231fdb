using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// Every configuration variable of the function and the CLI, each declared once. README.md's configuration table and
/// template.yaml's parameters are checked against this table by tests; change a range here, not there.
/// </summary>
public static partial class SettingDefinitions
{
    public static TextSetting TableName { get; } = new(
        "TABLE_NAME", "the DynamoDB table of tracked tasks", SettingReaders.Both,
        IsTableName, $"a DynamoDB table name ({TableNameRule})")
    {
        RequiredHint = "name the DynamoDB table of tracked tasks.",
    };

    /// <summary>DynamoDB's table name rule in words, for messages.</summary>
    public const string TableNameRule = "3 to 255 of a-z, A-Z, 0-9, '_', '-', '.'";

    /// <summary>
    /// True when <paramref name="value"/> is a DynamoDB table name (<see cref="TableNameRule"/>). The setting and the
    /// DynamoDB store check the same rule.
    /// </summary>
    public static bool IsTableName(string? value) => value is not null && TableNameRegex().IsMatch(value);

    /// <summary>
    /// One of the two channels: at least one of it and <see cref="EventBusName"/> must be set (<see cref="Channels"/>).
    /// A topic name is 1 to 256 of A-Z, a-z, 0-9, '_' and '-', a FIFO topic's ending in <c>.fifo</c>, which counts
    /// (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html, Name); template.yaml's TopicArn pattern agrees.
    /// </summary>
    public static TextSetting TopicArn { get; } = new(
        "TOPIC_ARN", "the SNS topic notifications go to", SettingReaders.Both,
        value => TopicArnRegex().IsMatch(value),
        "an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>, the name 1 to 256 characters, a FIFO topic's .fifo included)");

    /// <summary>
    /// Checked with the pattern and length of PutEvents' <c>EventBusName</c> (shape NonPartnerEventBusNameOrArn in
    /// EventBridge's API model, anchored: a partner bus cannot be put to), and the name, alone or in the ARN, at most
    /// <see cref="MaxBusNameLength"/> characters, as template.yaml's EventBusName pattern; <c>default</c> is a name like
    /// any other.
    /// </summary>
    public static TextSetting EventBusName { get; } = new(
        "EVENT_BUS_NAME", "the EventBridge event bus each transition is also put on as an event", SettingReaders.Both,
        value => IsEventBusNameOrArn(value) && value[(value.LastIndexOf('/') + 1)..].Length <= MaxBusNameLength,
        "an event bus name, an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>) or default, the name 1 to 256 characters");

    /// <summary>The longest event bus name or ARN PutEvents takes (the model's NonPartnerEventBusNameOrArn).</summary>
    public const int MaxEventBusNameLength = 1600;

    /// <summary>
    /// The longest name a bus can have: CreateEventBus's <c>Name</c> and PutPermission's <c>EventBusName</c> (the model's
    /// EventBusName and NonPartnerEventBusName shapes) take 1 to 256 characters. PutEvents' 1,600 leaves room for the ARN
    /// around the name, not for a longer name, so a longer one names no bus.
    /// </summary>
    public const int MaxBusNameLength = 256;

    /// <summary>
    /// True when <paramref name="value"/> is an event bus name (<c>default</c> included) or ARN as PutEvents takes it:
    /// the model's NonPartnerEventBusNameOrArn pattern (<c>\w</c> as the ASCII class it is in the model's regex
    /// dialect), anchored, at most <see cref="MaxEventBusNameLength"/> characters. The setting and our EventBridge
    /// client check the same rule.
    /// </summary>
    public static bool IsEventBusNameOrArn(string? value)
        => value is { Length: > 0 and <= MaxEventBusNameLength } && EventBusNameRegex().IsMatch(value);

    /// <summary>The channel settings, of which at least one must be set.</summary>
    public static IReadOnlyList<TextSetting> Channels { get; } = [TopicArn, EventBusName];

    public static ListSetting GraphIds { get; } = new(
        "GRAPH_IDS", "comma-separated graph IDs whose export and import tasks are all followed", SettingReaders.Both,
        TaskIds.IsGraphId, $"a graph ID ({TaskIds.GraphIdRule})", TaskIds.GraphIdPattern);

    public static NumberSetting MaxConcurrency { get; } = new(
        "MAX_CONCURRENCY", "GetExportTask and GetImportTask calls in flight at once", SettingReaders.Both, Default: 4, Minimum: 1, Maximum: 64, WholeNumber: true);

    public static NumberSetting RequestsPerSecond { get; } = new(
        "REQUESTS_PER_SECOND", "client-side rate limit for Neptune Analytics calls, per second", SettingReaders.Both, Default: 5, Minimum: 0.1, Maximum: 100, WholeNumber: false);

    public static NumberSetting RequestBurst { get; } = new(
        "REQUEST_BURST", "requests that may start at once before the rate applies", SettingReaders.Both, Default: 5, Minimum: 1, Maximum: 100, WholeNumber: true);

    public static NumberSetting RetentionDays { get; } = new(
        "RETENTION_DAYS", "days a notified terminal task is kept before it expires from the store", SettingReaders.Both, Default: 14, Minimum: 1, Maximum: 365, WholeNumber: false);

    public static NumberSetting PublishLeaseSeconds { get; } = new(
        "PUBLISH_LEASE_SECONDS", "seconds a claimer owns a pending notification before another cycle may republish it", SettingReaders.Both,
        Default: 120, Minimum: 10, Maximum: 3600, WholeNumber: true);

    /// <summary>Up to 30 days: imports of large graphs run for many hours.</summary>
    public static OptionalNumberSetting OverdueAfterMinutes { get; } = new(
        "OVERDUE_AFTER_MINUTES", "minutes a task may run before one alert says it is overdue", SettingReaders.Both, Minimum: 1, Maximum: 43_200);

    /// <summary>Up to 7 days; a running task's details are read at least every quarter of this window.</summary>
    public static OptionalNumberSetting StalledAfterMinutes { get; } = new(
        "STALLED_AFTER_MINUTES", "minutes a running task's progress may stay put before one alert says it has stalled", SettingReaders.Both, Minimum: 1, Maximum: 10_080);

    /// <summary>
    /// Well inside a cycle by default, so a stalled connection holds a concurrency slot for seconds, not for
    /// HttpClient's 100 s on each of the SDK's attempts.
    /// </summary>
    public static NumberSetting RequestTimeoutSeconds { get; } = new(
        "REQUEST_TIMEOUT_SECONDS", "seconds one HTTP attempt to Neptune Analytics, SNS, EventBridge or DynamoDB may wait for an answer", SettingReaders.Both,
        Default: 10, Minimum: 1, Maximum: 60, WholeNumber: true);

    /// <summary>
    /// Listing a graph costs one call per 100 of its exports, finished ones included; reading costs one call per polled
    /// task. <c>auto</c> picks the cheaper per graph; the other two force one way, for comparisons and for a listing
    /// the account may not call.
    /// </summary>
    public static ChoiceSetting PollStrategy { get; } = new(
        "POLL_STRATEGY", "how a cycle learns task statuses", SettingReaders.Both, "auto", ["auto", "list", "get"]);

    /// <summary>The names of Microsoft.Extensions.Logging's LogLevel, from most to least verbose.</summary>
    public static IReadOnlyList<string> LogLevels { get; } = ["Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"];

    public static ChoiceSetting LogLevel { get; } = new(
        "LOG_LEVEL", "minimum level of the function's log lines", SettingReaders.Function, "Information", LogLevels);

    /// <summary>
    /// The CLI's own variable rather than LOG_LEVEL, which a shell may hold for another program: the CLI logs to
    /// standard error and would otherwise mix that program's level into its output.
    /// </summary>
    public static ChoiceSetting CliLogLevel { get; } = new(
        "NEPTUNE_NOTIFIER_LOG_LEVEL", "minimum level of the CLI's log lines on standard error", SettingReaders.Cli, "Warning", LogLevels);

    /// <summary>
    /// Lambda sets AWS_REGION (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime);
    /// AWS_DEFAULT_REGION is the AWS CLI's name, read as well so a shell set up for the AWS CLI works.
    /// </summary>
    public static TextSetting Region { get; } = new(
        "AWS_REGION", "the AWS Region", SettingReaders.Both,
        value => RegionRegex().IsMatch(value), "an AWS Region name (lowercase letters, digits and hyphens, such as us-east-1)")
    {
        RequiredHint = "Lambda sets it; set it when running bootstrap elsewhere.",
        FallbackVariable = "AWS_DEFAULT_REGION",
    };

    /// <summary>Every setting, in the order the README lists them.</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        TableName, TopicArn, EventBusName, GraphIds, PollStrategy, MaxConcurrency, RequestsPerSecond, RequestBurst, RetentionDays, PublishLeaseSeconds,
        OverdueAfterMinutes, StalledAfterMinutes, RequestTimeoutSeconds, LogLevel, CliLogLevel, Region,
    ];

    /// <summary>A <see cref="PollStrategy"/> choice as the poll cycle's option.</summary>
    public static Polling.PollStrategy ParseStrategy(string choice) => Enum.Parse<Polling.PollStrategy>(choice, ignoreCase: true);

    /// <summary>The settings <paramref name="reader"/> reads.</summary>
    public static IEnumerable<SettingDefinition> ReadBy(SettingReaders reader) => All.Where(setting => (setting.ReadBy & reader) != 0);

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-]{3,255}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TableNameRegex();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:sns:[a-z0-9\-]+:[0-9]{12}:(?:[A-Za-z0-9_\-]{1,256}|[A-Za-z0-9_\-]{1,251}\.fifo)\z", RegexOptions.CultureInvariant)]
    private static partial Regex TopicArnRegex();

    [GeneratedRegex(@"^(?:arn:aws[A-Za-z0-9_\-]*:events:[a-z]+-[a-z]+-[A-Za-z0-9_\-]+:[0-9]{12}:event-bus/)?[.\-_A-Za-z0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventBusNameRegex();

    // A DNS label of lowercase letters, digits and hyphens: the region is part of every endpoint's host name and of
    // the SigV4 scope, so anything else cannot name a region.
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionRegex();
}
