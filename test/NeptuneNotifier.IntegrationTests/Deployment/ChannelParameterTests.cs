using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// Where notifications go, chosen at deploy: the stack's own topic, an existing topic (of this account or another, with
/// its key), no topic; and no bus, the default bus, a bus name or a bus ARN. Each combination is the SAM translator's
/// output evaluated as CloudFormation would (<see cref="DeployedTemplate"/>): what it creates, the function's
/// environment, its exact IAM, the alarms' actions and the outputs.
/// </summary>
public sealed class ChannelParameterTests(SamTranslation translation) : IClassFixture<SamTranslation>
{
    private const string OtherAccountTopic = "arn:aws:sns:us-east-1:210987654321:central-notifications";
    private const string OwnAccountTopic = $"arn:aws:sns:{TestAccount.Region}:{TestAccount.Id}:team-notifications";
    private const string OtherAccountKey = "arn:aws:kms:us-east-1:210987654321:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private const string OtherAccountBus = "arn:aws:events:us-east-1:210987654321:event-bus/central-events";
    private const string OwnTopicRef = $"${{{SamTemplate.TopicId}}}";
    private const string OwnKeyArn = $"${{{SamTemplate.KeyId}.Arn}}";

    // A bus named by EventBusName, in the stack's account and region (what DeployedTemplate resolves them to).
    private const string OwnAccountBus = $"arn:aws:events:{TestAccount.Region}:{TestAccount.Id}:event-bus/";

    private static readonly string[] OwnTopicResources = [SamTemplate.TopicId, SamTemplate.KeyId, "NotificationKeyAlias", "NotificationTopicPolicy"];
    private static readonly string[] Alarms = ["FunctionErrorsAlarm", "CycleFailuresAlarm", "ScheduleDeadLetterAlarm", "FailedInvocationAlarm"];

    /// <summary>
    /// Parameters, then what the function's role may do beyond DynamoDB and Neptune Analytics ("action resource", one
    /// per statement), TOPIC_ARN, EVENT_BUS_NAME, and where the alarms notify (null: nowhere).
    /// </summary>
    public static TheoryData<string, string, string, string, string[], string?, string?, string?> Combinations => new()
    {
        { "own topic, no bus (the defaults)", "", "", "", [$"sns:Publish {OwnTopicRef}", $"kms:Decrypt kms:GenerateDataKey {OwnKeyArn}"], OwnTopicRef, null, OwnTopicRef },
        { "own topic, default bus", "", "", "default", [$"sns:Publish {OwnTopicRef}", $"kms:Decrypt kms:GenerateDataKey {OwnKeyArn}", $"events:PutEvents {OwnAccountBus}default"], OwnTopicRef, "default", OwnTopicRef },
        { "own topic, bus by name", "", "", "analytics-events", [$"sns:Publish {OwnTopicRef}", $"kms:Decrypt kms:GenerateDataKey {OwnKeyArn}", $"events:PutEvents {OwnAccountBus}analytics-events"], OwnTopicRef, "analytics-events", OwnTopicRef },
        { "own topic, a bus named arn", "", "", "arn", [$"sns:Publish {OwnTopicRef}", $"kms:Decrypt kms:GenerateDataKey {OwnKeyArn}", $"events:PutEvents {OwnAccountBus}arn"], OwnTopicRef, "arn", OwnTopicRef },
        { "own topic, bus of another account", "", "", OtherAccountBus, [$"sns:Publish {OwnTopicRef}", $"kms:Decrypt kms:GenerateDataKey {OwnKeyArn}", $"events:PutEvents {OtherAccountBus}"], OwnTopicRef, OtherAccountBus, OwnTopicRef },
        { "topic of another account, no key", OtherAccountTopic, "", "", [$"sns:Publish {OtherAccountTopic}"], OtherAccountTopic, null, null },
        { "topic of another account with its key", OtherAccountTopic, OtherAccountKey, "", [$"sns:Publish {OtherAccountTopic}", $"kms:Decrypt kms:GenerateDataKey {OtherAccountKey}"], OtherAccountTopic, null, null },
        { "existing topic of this account", OwnAccountTopic, "", "", [$"sns:Publish {OwnAccountTopic}"], OwnAccountTopic, null, OwnAccountTopic },
        { "existing FIFO topic of this account", OwnAccountTopic + ".fifo", "", "", [$"sns:Publish {OwnAccountTopic}.fifo"], OwnAccountTopic + ".fifo", null, null },
        { "no topic, bus of another account", "none", "", OtherAccountBus, [$"events:PutEvents {OtherAccountBus}"], null, OtherAccountBus, null },
        { "no topic, default bus", "none", "", "default", [$"events:PutEvents {OwnAccountBus}default"], null, "default", null },
        {
            "topic, key and bus of another account", OtherAccountTopic, OtherAccountKey, OtherAccountBus,
            [$"sns:Publish {OtherAccountTopic}", $"kms:Decrypt kms:GenerateDataKey {OtherAccountKey}", $"events:PutEvents {OtherAccountBus}"], OtherAccountTopic, OtherAccountBus, null
        },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Channels_Combination_GrantsExactlyThatTopicKeyAndBus(string name, string topic, string key, string bus, string[] grants, string? topicVariable, string? busVariable, string? alarmTopic)
    {
        var deployed = Deploy(topic, key, bus);

        ChannelStatements(deployed).ShouldBe(grants, ignoreOrder: true, name);
        var environment = (JsonObject)deployed.Property(SamTemplate.FunctionId, "Environment", "Variables")!;
        (environment["TOPIC_ARN"] is { } t ? DeployedTemplate.Text(t) : null).ShouldBe(topicVariable, $"{name}: TOPIC_ARN");
        (environment["EVENT_BUS_NAME"] is { } b ? DeployedTemplate.Text(b) : null).ShouldBe(busVariable, $"{name}: EVENT_BUS_NAME");
        foreach (var alarm in Alarms)
        {
            var actions = deployed.Property(alarm, "AlarmActions") is JsonArray list ? list.Select(DeployedTemplate.Text).ToArray() : [];
            actions.ShouldBe(alarmTopic is null ? [] : [alarmTopic], $"{name}: {alarm}");
        }
    }

    /// <summary>The combinations above, with the topic notifications go to.</summary>
    public static TheoryData<string, string, string, string, string?> Deployments =>
        [.. Combinations.Select(row => new TheoryDataRow<string, string, string, string, string?>(row.Data.Item1, row.Data.Item2, row.Data.Item3, row.Data.Item4, row.Data.Item6))];

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Channels_Combination_CreatesATopicAndKeyOnlyOfItsOwn(string name, string topic, string key, string bus, string? topicVariable)
    {
        var deployed = Deploy(topic, key, bus);
        var created = deployed.CreatedResources();

        if (topic.Length == 0)
        {
            OwnTopicResources.ShouldBeSubsetOf(created, name);
        }
        else
        {
            created.Intersect(OwnTopicResources.Append("EmailSubscription")).ShouldBeEmpty(name);
        }

        var outputs = deployed.Outputs();
        (outputs.TryGetValue("NotificationTopicArn", out var topicOutput) ? topicOutput : null).ShouldBe(topicVariable, $"{name}: NotificationTopicArn output");
        (outputs.TryGetValue("EventBusArn", out var busOutput) ? busOutput : null).ShouldBe(
            ChannelStatements(deployed).SingleOrDefault(g => g.StartsWith("events:", StringComparison.Ordinal))?.Split(' ')[1],
            $"{name}: EventBusArn output names the bus the function may put events on");
        outputs["NotifierFunctionRoleArn"].ShouldBe("${NotifierFunctionRole.Arn}");
    }

    [Fact]
    public void Channels_OwnFifoTopic_NotifiesNoAlarmAndHasNoTopicPolicy()
    {
        var deployed = new DeployedTemplate(translation.Root, new Dictionary<string, string>(StringComparer.Ordinal) { ["FifoTopic"] = "true" });

        deployed.Creates(SamTemplate.TopicId).ShouldBeTrue();
        deployed.Creates("NotificationTopicPolicy").ShouldBeFalse("CloudWatch cannot publish to a FIFO topic, so nothing needs to");
        deployed.Property("FunctionErrorsAlarm", "AlarmActions").ShouldBeNull();
    }

    [Fact]
    public void Channels_EveryCombination_GrantsNoWildcardAndNoStatementWithoutAResource()
    {
        foreach (var row in Combinations)
        {
            var (_, topic, key, bus, _, _, _, _) = row.Data;
            foreach (var statement in Statements(Deploy(topic, key, bus)))
            {
                statement["Effect"]!.GetValue<string>().ShouldBe("Allow");
                var resource = DeployedTemplate.Text(statement["Resource"]);
                var arn = resource.Split(':');
                (resource.StartsWith("${", StringComparison.Ordinal) || (arn.Length >= 6 && arn[0] == "arn")).ShouldBeTrue($"{resource} is neither a resource of the stack nor an ARN");
                if (arn.Length >= 6)
                {
                    arn[3].ShouldNotContain("*", Case.Sensitive, resource);
                    arn[4].ShouldNotContain("*", Case.Sensitive, resource);
                }

                Actions(statement).ShouldAllBe(action => !action.Contains('*'));
            }
        }
    }

    private DeployedTemplate Deploy(string topic, string key, string bus) => new(translation.Root, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TopicArn"] = topic,
        ["TopicKeyArn"] = key,
        ["EventBusName"] = bus,
    });

    /// <summary>The statements of the function role's inline policy, resolved.</summary>
    internal static IEnumerable<JsonObject> Statements(DeployedTemplate deployed) =>
        ((JsonArray)deployed.Property("NotifierFunctionRole", "Policies")!)
            .SelectMany(policy => ((JsonArray)policy!["PolicyDocument"]!["Statement"]!).Cast<JsonObject>());

    private static string[] Actions(JsonObject statement) => statement["Action"] is JsonArray list
        ? [.. list.Select(DeployedTemplate.Text).Order(StringComparer.Ordinal)]
        : [DeployedTemplate.Text(statement["Action"])];

    // "action [action...] resource" for each statement on a notification channel (SNS, its key, EventBridge).
    private static string[] ChannelStatements(DeployedTemplate deployed) =>
        [.. Statements(deployed)
            .Where(s => Actions(s).Any(a => a.StartsWith("sns:", StringComparison.Ordinal) || a.StartsWith("kms:", StringComparison.Ordinal) || a.StartsWith("events:", StringComparison.Ordinal)))
            .Select(s => string.Join(' ', Actions(s)) + " " + DeployedTemplate.Text(s["Resource"]))];
}
