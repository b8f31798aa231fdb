using Microsoft.Extensions.Logging;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Tests.Core;

public sealed class NotifierSettingsTests
{
    private static readonly Dictionary<string, string?> Minimal = new()
    {
        ["TABLE_NAME"] = "neptune-notifier-tasks",
        ["TOPIC_ARN"] = TestAccount.TopicArn,
        ["AWS_REGION"] = TestAccount.Region,
    };

    [Fact]
    public void Load_MinimalVariables_UsesDefaults()
    {
        var settings = NotifierSettings.Load(Minimal);

        settings.TableName.ShouldBe("neptune-notifier-tasks");
        settings.TopicArn.ShouldBe(TestAccount.TopicArn);
        settings.Cycle.GraphIds.ShouldBeEmpty();
        settings.Cycle.MaxConcurrency.ShouldBe(4);
        settings.Cycle.Retention.ShouldBe(TimeSpan.FromDays(14));
        settings.Cycle.Validate().ShouldBeEmpty();
        settings.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Load_EveryVariable_IsRead()
    {
        var settings = NotifierSettings.Load(new Dictionary<string, string?>(Minimal)
        {
            ["TOPIC_ARN"] = "arn:aws-cn:sns:cn-north-1:123456789012:alerts.fifo",
            ["AWS_REGION"] = "cn-north-1",
            ["GRAPH_IDS"] = " g-abcde12345, g-0123456789 ,g-abcde12345",
            ["MAX_CONCURRENCY"] = "8",
            ["REQUESTS_PER_SECOND"] = "2.5",
            ["REQUEST_BURST"] = "3",
            ["RETENTION_DAYS"] = "30",
            ["PUBLISH_LEASE_SECONDS"] = "60",
            ["REQUEST_TIMEOUT_SECONDS"] = "3",
        });

        settings.TopicArn.ShouldBe("arn:aws-cn:sns:cn-north-1:123456789012:alerts.fifo");
        settings.Cycle.GraphIds.ShouldBe(["g-abcde12345", "g-0123456789"]);
        settings.Cycle.MaxConcurrency.ShouldBe(8);
        settings.Cycle.RequestsPerSecond.ShouldBe(2.5);
        settings.Cycle.Burst.ShouldBe(3);
        settings.Cycle.Retention.ShouldBe(TimeSpan.FromDays(30));
        settings.Cycle.PublishLease.ShouldBe(TimeSpan.FromSeconds(60));
        settings.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(3));
        settings.Region.ShouldBe("cn-north-1");
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("1", 1)]
    [InlineData("60", 60)]
    public void Read_RequestTimeoutInRange_IsRead(string? value, int seconds) =>
        SettingValues.Read(new Dictionary<string, string?> { ["REQUEST_TIMEOUT_SECONDS"] = value }).RequestTimeout.ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Load_Overrides_WinOverEnvironment() =>
        NotifierSettings.Load(Minimal, new Dictionary<string, string?> { ["TABLE_NAME"] = "other-table" }).TableName.ShouldBe("other-table");

    [Fact]
    public void Load_NothingSet_NamesEveryRequiredVariable()
    {
        var error = Should.Throw<SettingsException>(() => NotifierSettings.Load(new Dictionary<string, string?>()));

        error.Errors.Count.ShouldBe(3);
        error.Message.ShouldContain("TABLE_NAME is not set");
        error.Message.ShouldContain("Neither TOPIC_ARN nor EVENT_BUS_NAME is set");
        error.Message.ShouldContain("AWS_REGION is not set");
    }

    [Theory]
    [InlineData("TOPIC_ARN", "arn:aws:sqs:us-east-1:123456789012:queue", "not an SNS topic ARN")]
    [InlineData("TABLE_NAME", "a b", "not a DynamoDB table name")]
    [InlineData("GRAPH_IDS", "g-abcde12345,graph-1", "'graph-1', which is not a graph ID")]
    [InlineData("MAX_CONCURRENCY", "0", "MAX_CONCURRENCY '0' must be a whole number from 1 to 64")]
    [InlineData("MAX_CONCURRENCY", "four", "MAX_CONCURRENCY 'four'")]
    [InlineData("REQUESTS_PER_SECOND", "1e9", "REQUESTS_PER_SECOND '1e9'")]
    [InlineData("REQUESTS_PER_SECOND", "NaN", "REQUESTS_PER_SECOND 'NaN'")]
    [InlineData("RETENTION_DAYS", "-1", "RETENTION_DAYS '-1'")]
    [InlineData("PUBLISH_LEASE_SECONDS", "5", "PUBLISH_LEASE_SECONDS '5'")]
    [InlineData("REQUEST_TIMEOUT_SECONDS", "0", "REQUEST_TIMEOUT_SECONDS '0' must be a whole number from 1 to 60")]
    [InlineData("REQUEST_TIMEOUT_SECONDS", "61", "REQUEST_TIMEOUT_SECONDS '61' must be a whole number from 1 to 60 (default 10)")]
    [InlineData("REQUEST_TIMEOUT_SECONDS", "2.5", "REQUEST_TIMEOUT_SECONDS '2.5'")]
    [InlineData("LOG_LEVEL", "Verbose", "LOG_LEVEL 'Verbose' must be one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("LOG_LEVEL", "2", "LOG_LEVEL '2' must be one of")]
    [InlineData("LOG_LEVEL", "Debug,Trace", "LOG_LEVEL 'Debug,Trace' must be one of")]
    [InlineData("AWS_REGION", "US East 1", "AWS_REGION 'US East 1' is not an AWS Region name")]
    [InlineData("AWS_REGION", "us-east-1.", "AWS_REGION 'us-east-1.' is not an AWS Region name")]
    [InlineData("OVERDUE_AFTER_MINUTES", "0", "OVERDUE_AFTER_MINUTES '0' must be a whole number from 1 to 43200, or unset to turn it off.")]
    [InlineData("OVERDUE_AFTER_MINUTES", "43201", "OVERDUE_AFTER_MINUTES '43201' must be a whole number from 1 to 43200, or unset to turn it off.")]
    [InlineData("STALLED_AFTER_MINUTES", "10081", "STALLED_AFTER_MINUTES '10081' must be a whole number from 1 to 10080, or unset to turn it off.")]
    [InlineData("STALLED_AFTER_MINUTES", "1.5", "STALLED_AFTER_MINUTES '1.5' must be a whole number from 1 to 10080, or unset to turn it off.")]
    [InlineData("STALLED_AFTER_MINUTES", "-5", "STALLED_AFTER_MINUTES '-5' must be a whole number from 1 to 10080, or unset to turn it off.")]
    [InlineData("STALLED_AFTER_MINUTES", "an hour", "STALLED_AFTER_MINUTES 'an hour' must be a whole number from 1 to 10080, or unset to turn it off.")]
    public void Load_BadValue_NamesTheVariable(string name, string value, string expected)
    {
        var variables = new Dictionary<string, string?>(Minimal) { [name] = value };

        var error = Should.Throw<SettingsException>(() => NotifierSettings.Load(variables));

        error.Errors.ShouldHaveSingleItem().ShouldContain(expected);
    }

    [Theory]
    [InlineData(null, LogLevel.Information)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("Critical", LogLevel.Critical)]
    [InlineData(" NONE ", LogLevel.None)]
    public void Load_LogLevel_IsRead(string? value, LogLevel expected) =>
        NotifierSettings.Load(new Dictionary<string, string?>(Minimal) { ["LOG_LEVEL"] = value }).LogLevel.ShouldBe(expected);

    [Fact]
    public void Load_NoRegion_NamesAwsRegion()
    {
        var variables = new Dictionary<string, string?>(Minimal) { ["AWS_REGION"] = " " };

        var error = Should.Throw<SettingsException>(() => NotifierSettings.Load(variables));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("AWS_REGION is not set");
    }

    [Theory]
    [InlineData("eu-west-1", null, "eu-west-1")]
    [InlineData(null, "ap-south-2", "ap-south-2")]
    [InlineData("eu-west-1", "ap-south-2", "eu-west-1")]
    public void Load_Region_ReadsAwsRegionThenAwsDefaultRegion(string? region, string? defaultRegion, string expected)
    {
        // A bus by name: TOPIC_ARN's topic is in us-east-1, which these regions are not.
        var variables = new Dictionary<string, string?>(Minimal) { ["TOPIC_ARN"] = null, ["EVENT_BUS_NAME"] = "default", ["AWS_REGION"] = region, ["AWS_DEFAULT_REGION"] = defaultRegion };

        NotifierSettings.Load(variables).Region.ShouldBe(expected);
    }

    [Fact]
    public void Read_OnlyTuning_LeavesStoreTopicAndRegionUnset()
    {
        var values = SettingValues.Read(new Dictionary<string, string?> { ["MAX_CONCURRENCY"] = "2" });

        values.TableName.ShouldBeNull();
        values.TopicArn.ShouldBeNull();
        values.Region.ShouldBeNull();
        values.Cycle.MaxConcurrency.ShouldBe(2);
    }

    [Fact]
    public void Read_FunctionLogLevel_IsNotTheCliConcern() =>
        SettingValues.Read(new Dictionary<string, string?> { ["LOG_LEVEL"] = "chatty" }).Cycle.Validate().ShouldBeEmpty();

    [Fact]
    public void Read_BadOverride_NamesTheVariable() =>
        Should.Throw<SettingsException>(() => SettingValues.Read(new Dictionary<string, string?>(), new Dictionary<string, string?> { ["TOPIC_ARN"] = "topic" }))
            .Errors.ShouldHaveSingleItem().ShouldStartWith("TOPIC_ARN 'topic' is not an SNS topic ARN");
}
