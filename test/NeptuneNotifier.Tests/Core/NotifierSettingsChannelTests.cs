using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Tests.Core;

// TOPIC_ARN and EVENT_BUS_NAME: either, both, never neither.
public sealed class NotifierSettingsChannelTests
{
    private const string Topic = TestAccount.TopicArn;

    private static readonly Dictionary<string, string?> WithoutChannel = new()
    {
        ["TABLE_NAME"] = "neptune-notifier-tasks",
        ["AWS_REGION"] = TestAccount.Region,
    };

    [Theory]
    [InlineData("default")]
    [InlineData("analytics-events")]
    [InlineData("team.bus_2")]
    [InlineData("arn:aws:events:us-east-1:123456789012:event-bus/analytics-events")]
    [InlineData("arn:aws-cn:events:cn-north-1:210987654321:event-bus/default")]
    [InlineData("arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/central")]
    public void Load_OnlyEventBus_IsEnoughAndLeavesNoTopic(string bus)
    {
        var settings = NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["EVENT_BUS_NAME"] = bus });

        (settings.TopicArn, settings.EventBusName).ShouldBe((null, bus));
    }

    [Fact]
    public void Load_TopicAndBus_ReadsBoth()
    {
        var settings = NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["TOPIC_ARN"] = Topic, ["EVENT_BUS_NAME"] = " default " });

        (settings.TopicArn, settings.EventBusName).ShouldBe((Topic, "default"));
    }

    [Fact]
    public void Load_OnlyTopic_LeavesNoBus() =>
        NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["TOPIC_ARN"] = Topic }).EventBusName.ShouldBeNull();

    [Fact]
    public void Load_NeitherChannel_IsOneErrorNamingBoth()
    {
        var error = Should.Throw<SettingsException>(() => NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["TOPIC_ARN"] = " ", ["EVENT_BUS_NAME"] = "" }));

        var message = error.Errors.ShouldHaveSingleItem();
        message.ShouldStartWith("Neither TOPIC_ARN nor EVENT_BUS_NAME is set");
        message.ShouldContain("SNS topic");
        message.ShouldContain("EventBridge bus");
    }

    [Theory]
    [InlineData("aws.partner/saas.com/1234/bus")]
    [InlineData("my bus")]
    [InlineData("arn:aws:events:us-east-1:123456789012:rule/analytics")]
    [InlineData("arn:aws:events:us-east-1:12345:event-bus/analytics")]
    [InlineData("arn:aws:sns:us-east-1:123456789012:event-bus/analytics")]
    public void Load_BusOfTheWrongForm_NamesTheVariableAndNotTheMissingChannel(string bus)
    {
        var error = Should.Throw<SettingsException>(() => NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["EVENT_BUS_NAME"] = bus }));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith($"EVENT_BUS_NAME '{bus}' is not an event bus name, an event bus ARN");
    }

    [Fact]
    public void Load_BusLongerThanTheServiceTakes_IsRefused() =>
        Should.Throw<SettingsException>(() => NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["EVENT_BUS_NAME"] = new string('b', 1601) }))
            .Errors.ShouldHaveSingleItem().ShouldContain("EVENT_BUS_NAME");

    [Fact]
    public void Read_CliWithoutChannel_IsNoError() =>
        SettingValues.Read(new Dictionary<string, string?>(WithoutChannel)).EventBusName.ShouldBeNull();
}
