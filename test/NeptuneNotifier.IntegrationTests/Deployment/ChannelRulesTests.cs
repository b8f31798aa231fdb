using System.Text.RegularExpressions;
using NeptuneNotifier.Core.Settings;
using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>The channel parameters' allowed values and the combinations refused at deploy, before anything is created.</summary>
public sealed class ChannelRulesTests
{
    private const string TopicPrefix = "arn:aws:sns:us-east-1:210987654321:";

    private readonly SamTemplate template = SamTemplate.Load();

    private const string BusPrefix = "arn:aws:events:us-east-1:210987654321:event-bus/";

    /// <summary>
    /// The longest names each parameter takes, and one more character: a topic name is 1 to 256 characters, a FIFO
    /// topic's <c>.fifo</c> included (sns/service-2.json, CreateTopicInput.Name); a bus name is 1 to 256 characters,
    /// alone or in an ARN (events/service-2.json, EventBusName and NonPartnerEventBusName).
    /// </summary>
    public static TheoryData<string, string, bool> NameLengths { get; } = new()
    {
        { "TopicArn", TopicPrefix + new string('t', 256), true },
        { "TopicArn", TopicPrefix + new string('t', 257), false },
        { "TopicArn", TopicPrefix + new string('t', 251) + ".fifo", true },
        { "TopicArn", TopicPrefix + new string('t', 252) + ".fifo", false },
        { "EventBusName", new string('b', 256), true },
        { "EventBusName", new string('b', 257), false },
        { "EventBusName", BusPrefix + new string('b', 256), true },
        { "EventBusName", BusPrefix + new string('b', 257), false },
    };

    /// <summary>The function's setting each channel parameter is passed to; <c>TopicKeyArn</c> only scopes the function's KMS grant.</summary>
    private static readonly Dictionary<string, string> SettingOf = new(StringComparer.Ordinal)
    {
        ["TopicArn"] = "TOPIC_ARN",
        ["EventBusName"] = "EVENT_BUS_NAME",
    };

    /// <summary>
    /// A parameter's pattern accepts exactly the values listed as accepted, and where the parameter is passed to a
    /// setting, the pattern and the setting's check of form agree on every value. Whether an ARN's Region and partition
    /// are the stack's is checked when the function starts (<c>ChannelRegions</c>): an <c>AllowedPattern</c> cannot see
    /// <c>AWS::Region</c>, so the ARNs of other Regions below pass the deploy and are refused at start.
    /// <c>""</c> and <c>"none"</c> are the template's own words (the stack's topic, no topic), never passed on.
    /// </summary>
    [Theory]
    [InlineData("TopicArn", "", true)]
    [InlineData("TopicArn", "none", true)]
    [InlineData("TopicArn", "arn:aws:sns:us-east-1:210987654321:central-notifications", true)]
    [InlineData("TopicArn", "arn:aws:sns:eu-west-1:210987654321:central_notifications.fifo", true)]
    [InlineData("TopicArn", "arn:aws-us-gov:sns:us-gov-west-1:210987654321:central", true)]
    [InlineData("TopicArn", "arn:aws-cn:sns:cn-north-1:210987654321:central.fifo", true)]
    [InlineData("TopicArn", "arn:aws:sns:us-east-1:2109876543:central", false)]
    [InlineData("TopicArn", "arn:aws:sns:us-east-1:21098765432:central", false)]
    [InlineData("TopicArn", "arn:aws:sns:us-east-1:210987654321:central.notifications", false)]
    [InlineData("TopicArn", "central-notifications", false)]
    [InlineData("TopicArn", "arn:aws:sqs:us-east-1:210987654321:central", false)]
    [InlineData("TopicKeyArn", "", true)]
    [InlineData("TopicKeyArn", "arn:aws:kms:us-east-1:210987654321:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", true)]
    [InlineData("TopicKeyArn", "arn:aws:kms:us-east-1:210987654321:alias/central", false)]
    [InlineData("TopicKeyArn", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", false)]
    [InlineData("EventBusName", "", true)]
    [InlineData("EventBusName", "default", true)]
    [InlineData("EventBusName", "analytics.events_2-prod", true)]
    [InlineData("EventBusName", "arn:aws:events:us-east-1:210987654321:event-bus/central-events", true)]
    [InlineData("EventBusName", "arn:aws-cn:events:cn-north-1:210987654321:event-bus/default", true)]
    [InlineData("EventBusName", "arn:aws-us-gov:events:us-gov-west-1:210987654321:event-bus/default", true)]
    [InlineData("EventBusName", "aws.partner/example.com/123/events", false)]
    [InlineData("EventBusName", "arn:aws:events:us-east-1:210987654321:rule/central-events", false)]
    [InlineData("EventBusName", "arn:aws:events:us-east-1:2109:event-bus/central-events", false)]
    [InlineData("EventBusName", "central events", false)]
    [InlineData("EventBusName", "arn:aws:events:useast1:210987654321:event-bus/central-events", false)]
    // EventBridge Scheduler's rate units (CreateSchedule, ScheduleExpression): minute(s), hour(s), day(s), a positive value.
    [InlineData("ScheduleExpression", "rate(5 minutes)", true)]
    [InlineData("ScheduleExpression", "rate(1 hour)", true)]
    [InlineData("ScheduleExpression", "rate(1 day)", true)]
    [InlineData("ScheduleExpression", "rate(7 days)", true)]
    [InlineData("ScheduleExpression", "cron(0/5 * * * ? *)", true)]
    [InlineData("ScheduleExpression", "rate(0 minutes)", false)]
    [InlineData("ScheduleExpression", "rate(05 minutes)", false)]
    [InlineData("ScheduleExpression", "rate(2 weeks)", false)]
    [InlineData("ScheduleExpression", "at(2026-12-01T00:00:00)", false)]
    // Whole numbers of the setting's range only, as the function reads them (a Number parameter would take 2.5).
    [InlineData("MaxConcurrency", "64", true)]
    [InlineData("MaxConcurrency", "2.5", false)]
    [InlineData("MaxConcurrency", "65", false)]
    [InlineData("OverdueAfterMinutes", "43200", true)]
    [InlineData("OverdueAfterMinutes", "0", false)]
    [InlineData("StalledAfterMinutes", "10081", false)]
    [MemberData(nameof(NameLengths))]
    public void Parameter_AllowedPattern_AcceptsOnlyWhatTheFunctionCanUse(string parameter, string value, bool accepted)
    {
        Allowed(parameter, value).ShouldBe(accepted, $"{parameter} = '{value}'");

        if (SettingOf.TryGetValue(parameter, out var variable) && value is not ("" or "none"))
        {
            var setting = SettingDefinitions.All.SingleOrDefault(s => s.Variable == variable).ShouldNotBeNull($"no setting declares {variable}, which template.yaml sets from {parameter}");
            ((TextSetting)setting).Accepts(value).ShouldBe(accepted, $"{parameter} and {variable} disagree on '{value}'");
        }
    }

    [Theory]
    [InlineData("none", "", "", "", "false", "EventBusName must name a bus")]
    [InlineData("", "", "", "ops@example.com", "true", "NotificationEmail needs a standard topic")]
    [InlineData("arn:aws:sns:us-east-1:210987654321:central", "", "", "ops@example.com", "false", "subscribe to that topic where it is managed")]
    [InlineData("arn:aws:sns:us-east-1:210987654321:central", "", "", "", "true", "subscribe to that topic where it is managed")]
    [InlineData("", "arn:aws:kms:us-east-1:210987654321:key/0f1e2d3c", "", "", "false", "TopicKeyArn is the key of an existing topic")]
    [InlineData("none", "arn:aws:kms:us-east-1:210987654321:key/0f1e2d3c", "default", "", "false", "TopicKeyArn is the key of an existing topic")]
    public void Rules_ChannelCombination_IsRefusedAtDeployNamingWhy(string topic, string key, string bus, string email, string fifo, string reason)
    {
        var failures = TemplateRules.Failures(template, Parameters(topic, key, bus, email, fifo));

        failures.ShouldHaveSingleItem().ShouldContain(reason);
    }

    [Theory]
    [InlineData("", "", "", "ops@example.com", "false")]
    [InlineData("", "", "", "", "true")]
    [InlineData("", "", "default", "", "true")]
    [InlineData("none", "", "default", "", "false")]
    [InlineData("arn:aws:sns:us-east-1:210987654321:central", "arn:aws:kms:us-east-1:210987654321:key/0f1e2d3c", "", "", "false")]
    [InlineData("arn:aws:sns:us-east-1:210987654321:central.fifo", "", "arn:aws:events:us-east-1:210987654321:event-bus/central", "", "false")]
    public void Rules_ChannelCombination_IsAccepted(string topic, string key, string bus, string email, string fifo) =>
        TemplateRules.Failures(template, Parameters(topic, key, bus, email, fifo)).ShouldBeEmpty();

    // CloudFormation matches AllowedPattern (a Java regular expression) against the whole value.
    private bool Allowed(string parameter, string value) => Regex.IsMatch(
        value,
        $"^(?:{template.Scalar(SamTemplate.Mapping(SamTemplate.Mapping(template.Root, "Parameters"), parameter), "AllowedPattern")})$",
        RegexOptions.CultureInvariant);

    private static Dictionary<string, string> Parameters(string topic, string key, string bus, string email, string fifo) => new(StringComparer.Ordinal)
    {
        ["TopicArn"] = topic,
        ["TopicKeyArn"] = key,
        ["EventBusName"] = bus,
        ["NotificationEmail"] = email,
        ["FifoTopic"] = fifo,
    };
}
