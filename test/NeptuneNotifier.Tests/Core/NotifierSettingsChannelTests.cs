using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
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
    public void Load_OnlyEventBus_IsEnoughAndLeavesNoTopic(string bus)
    {
        var settings = NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["EVENT_BUS_NAME"] = bus });

        (settings.TopicArn, settings.EventBusName).ShouldBe((null, bus));
    }

    [Theory]
    [InlineData("cn-north-1", "arn:aws-cn:sns:cn-north-1:210987654321:central.fifo", "arn:aws-cn:events:cn-north-1:210987654321:event-bus/default")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:central", "arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/central")]
    [InlineData("eu-west-1", "arn:aws:sns:eu-west-1:210987654321:central", "central")]
    public void Load_ChannelArnsInAwsRegion_AreRead(string region, string topic, string bus)
    {
        var settings = NotifierSettings.Load(new Dictionary<string, string?>(WithoutChannel) { ["AWS_REGION"] = region, ["TOPIC_ARN"] = topic, ["EVENT_BUS_NAME"] = bus });

        (settings.TopicArn, settings.EventBusName).ShouldBe((topic, bus));
    }

    /// <summary>
    /// The clients are built for AWS_REGION: SNS publishes only to topics of the Region it is called in, and PutEvents
    /// is not documented to take another Region's bus. The topic cases, a bus of another Region and a GovCloud bus from
    /// us-east-1 are the bad-input corpus's <c>setting</c> cases; these rows are the ones it does not hold.
    /// </summary>
    [Theory]
    [InlineData("us-east-1", "EVENT_BUS_NAME", "arn:aws-cn:events:cn-north-1:210987654321:event-bus/default", "is in cn-north-1 of partition aws-cn, but AWS_REGION is us-east-1 of partition aws: a bus in another partition cannot be reached")]
    [InlineData("us-gov-west-1", "EVENT_BUS_NAME", "arn:aws-us-gov:events:us-gov-east-1:123456789012:event-bus/central", "is in us-gov-east-1, but AWS_REGION is us-gov-west-1: ")]
    public void Load_ChannelArnOutsideAwsRegion_IsRefusedNamingBothRegions(string region, string variable, string arn, string expected)
    {
        var variables = new Dictionary<string, string?>(WithoutChannel) { ["AWS_REGION"] = region, [variable] = arn };

        Should.Throw<SettingsException>(() => NotifierSettings.Load(variables)).Errors.ShouldHaveSingleItem().ShouldContain(expected);
        Should.Throw<SettingsException>(() => SettingValues.Read(variables)).Errors.ShouldHaveSingleItem().ShouldContain(expected, customMessage: "the CLI");
    }

    [Fact]
    public void Load_TopicAndBusBothOutsideAwsDefaultRegion_AreTwoErrors()
    {
        var variables = new Dictionary<string, string?>(WithoutChannel)
        {
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = "ap-south-2",
            ["TOPIC_ARN"] = Topic,
            ["EVENT_BUS_NAME"] = "arn:aws:events:us-east-1:123456789012:event-bus/default",
        };

        var errors = Should.Throw<SettingsException>(() => NotifierSettings.Load(variables)).Errors;

        errors.Count.ShouldBe(2);
        errors[0].ShouldStartWith($"TOPIC_ARN '{Topic}' is in us-east-1, but AWS_REGION is ap-south-2");
        errors[1].ShouldStartWith("EVENT_BUS_NAME 'arn:aws:events:us-east-1:123456789012:event-bus/default' is in us-east-1, but AWS_REGION is ap-south-2");
    }

    /// <summary>Our partition of a Region is the SDK's, for every Region it knows and for names it does not.</summary>
    [Fact]
    public void PartitionOf_EveryRegion_IsTheSdksPartition()
    {
        string[] unknown = ["us-east-9", "cn-south-7", "us-gov-north-2", "us-isob-south-3", "eu-isoe-north-4", "us-isof-west-5", "eusc-de-west-6", "eusc-fr-east-1", "mars-north-1", "cn-north", "local"];
        var regions = Amazon.RegionEndpoint.EnumerableAllRegions.Select(endpoint => endpoint.SystemName).Concat(unknown).ToList();

        regions.Count.ShouldBeGreaterThan(unknown.Length + 30);
        foreach (var region in regions)
        {
            ChannelRegions.PartitionOf(region).ShouldBe(Fn.Partition(region)!.name, region);
        }
    }

    [Fact]
    public void Read_CliWithoutRegion_ChecksNoChannelRegion() =>
        SettingValues.Read(new Dictionary<string, string?> { ["TOPIC_ARN"] = "arn:aws-cn:sns:cn-north-1:123456789012:alerts" }).TopicArn.ShouldNotBeNull();

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
