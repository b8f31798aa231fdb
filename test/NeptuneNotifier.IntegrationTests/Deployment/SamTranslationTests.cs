namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>What SAM generates from template.yaml: the schedule, the async invoke settings, logging, and every role.</summary>
public sealed class SamTranslationTests(SamTranslation translation) : IClassFixture<SamTranslation>
{
    private const string FunctionRef = """{"Fn::GetAtt":["NotifierFunction","Arn"]}""";
    private const string QueueArn = """{"Fn::GetAtt":["ScheduleDeadLetterQueue","Arn"]}""";
    private const string FailedQueueArn = """{"Fn::GetAtt":["FailedInvocationQueue","Arn"]}""";

    /// <summary>
    /// The roles SAM creates, with their trust, their AWS managed policies and every inline statement, as CloudFormation
    /// resolves them for the default parameters (<see cref="DeployedTemplate"/>; ChannelParameterTests has the others).
    /// </summary>
    private static readonly Dictionary<string, (string Service, string[] Managed, (string Actions, string Resource)[] Statements)> ExpectedRoles = new(StringComparer.Ordinal)
    {
        ["NotifierFunctionRole"] = (
            "lambda.amazonaws.com",
            ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"],
            [
                ("dynamodb:BatchGetItem dynamodb:DeleteItem dynamodb:GetItem dynamodb:PutItem dynamodb:UpdateItem", "${StateTable.Arn}"),
                ("dynamodb:Query", "${StateTable.Arn}/index/active-index"),
                ("neptune-graph:GetExportTask neptune-graph:ListExportTasks", $"arn:aws:neptune-graph:{TestAccount.Region}:{TestAccount.Id}:export-task/*"),
                ("neptune-graph:GetImportTask neptune-graph:ListImportTasks", $"arn:aws:neptune-graph:{TestAccount.Region}:{TestAccount.Id}:import-task/*"),
                ("sns:Publish", "${NotificationTopic}"),
                ("kms:Decrypt kms:GenerateDataKey", "${NotificationKey.Arn}"),
                ("sqs:SendMessage", "${FailedInvocationQueue.Arn}"),
            ]),
        ["NotifierFunctionPollRole"] = (
            "scheduler.amazonaws.com",
            [],
            [("lambda:InvokeFunction", "${NotifierFunction.Arn}"), ("sqs:SendMessage", "${ScheduleDeadLetterQueue.Arn}")]),
    };

    [Fact]
    public void Schedule_Translated_HasNoFixedName()
    {
        var (id, schedule) = translation.OfType("AWS::Scheduler::Schedule").ShouldHaveSingleItem();

        schedule.GetProperty("Properties").TryGetProperty("Name", out var name).ShouldBeFalse($"{id} is named {name}: a second stack in the account would clash");
    }

    /// <summary>
    /// Every asynchronous invocation, a CloudTrail tracking event included, gets Lambda's two retries, and one that
    /// fails them all is kept in the stack's queue instead of dropped
    /// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
    /// </summary>
    [Fact]
    public void EventInvokeConfig_Translated_RetriesTwiceThenKeepsTheFailedEvent()
    {
        var (_, config) = translation.OfType("AWS::Lambda::EventInvokeConfig").ShouldHaveSingleItem();
        var properties = config.GetProperty("Properties");

        properties.GetProperty("MaximumRetryAttempts").GetInt32().ShouldBe(2, "a tracking event that fails once is otherwise lost for good");
        var destinations = properties.GetProperty("DestinationConfig");
        SamTranslation.Compact(destinations.GetProperty("OnFailure").GetProperty("Destination")).ShouldBe(FailedQueueArn);
        destinations.TryGetProperty("OnSuccess", out _).ShouldBeFalse("a record of every good tick would bury the failed ones");
        SamTranslation.Compact(properties.GetProperty("FunctionName")).ShouldBe("""{"Ref":"NotifierFunction"}""");
        properties.GetProperty("Qualifier").GetString().ShouldBe("$LATEST");
    }

    /// <summary>Lambda sends the failure record with the function's role, which SAM lets send to that queue only.</summary>
    [Fact]
    public void FailedInvocationQueue_Translated_IsAlarmedAndOutput()
    {
        // The function role's sqs:SendMessage on the queue is a row of Roles_Translated_AreExactlyTheExpectedOnes.
        var deployed = new DeployedTemplate(translation.Root, new Dictionary<string, string>(StringComparer.Ordinal));
        var dimension = translation.Properties("FailedInvocationAlarm").GetProperty("Dimensions").EnumerateArray().ShouldHaveSingleItem();
        SamTranslation.Compact(dimension.GetProperty("Value")).ShouldBe("""{"Fn::GetAtt":["FailedInvocationQueue","QueueName"]}""");
        deployed.Outputs()["FailedInvocationQueueUrl"].ShouldBe("${FailedInvocationQueue}");
    }

    [Fact]
    public void Function_Translated_LogsToTheStacksOwnLogGroup()
    {
        var (id, _) = translation.OfType("AWS::Lambda::Function").ShouldHaveSingleItem();

        SamTranslation.Compact(translation.Properties(id).GetProperty("LoggingConfig").GetProperty("LogGroup")).ShouldBe("""{"Ref":"NotifierLogGroup"}""");
        var name = SamTranslation.Compact(translation.Properties("NotifierLogGroup").GetProperty("LogGroupName"));
        name.ShouldNotContain(id, Case.Sensitive, "the log group's name must not depend on the function, or the function must exist first");
    }

    [Fact]
    public void Schedule_Translated_DeadLettersToTheStacksQueue()
    {
        var (_, schedule) = translation.OfType("AWS::Scheduler::Schedule").ShouldHaveSingleItem();
        var target = schedule.GetProperty("Properties").GetProperty("Target");

        SamTranslation.Compact(target.GetProperty("DeadLetterConfig").GetProperty("Arn")).ShouldBe(QueueArn);
        SamTranslation.Compact(target.GetProperty("Arn")).ShouldBe(FunctionRef);
        translation.OfType("AWS::SQS::Queue").Select(q => q.Id).ShouldBe(["FailedInvocationQueue", "ScheduleDeadLetterQueue"], ignoreOrder: true, "SAM must not add a queue of its own");
        translation.OfType("AWS::SQS::QueuePolicy").ShouldBeEmpty("the scheduler and Lambda send with their roles; no queue policy opens a queue to anyone else");
    }

    [Fact]
    public void Rules_Translated_ReachCloudFormationUnchanged()
    {
        var rules = translation.Root.GetProperty("Rules");

        rules.EnumerateObject().Select(r => r.Name).ShouldBe(
            ["EmailNeedsStandardTopic", "ExistingTopicIsManagedElsewhere", "TopicKeyServesExistingTopic", "SomewhereToNotify", "TrailServesTracking"],
            ignoreOrder: true);
        SamTranslation.Compact(rules.GetProperty("EmailNeedsStandardTopic").GetProperty("Assertions")[0].GetProperty("Assert"))
            .ShouldBe("""{"Fn::Equals":[{"Ref":"NotificationEmail"},""]}""");
    }

    [Fact]
    public void Roles_Translated_AreExactlyTheExpectedOnes()
    {
        var deployed = new DeployedTemplate(translation.Root, new Dictionary<string, string>(StringComparer.Ordinal));
        var roles = translation.OfType("AWS::IAM::Role").Where(r => deployed.Creates(r.Id)).Select(r => r.Id).ToList();
        roles.Order(StringComparer.Ordinal).ShouldBe(ExpectedRoles.Keys.Order(StringComparer.Ordinal));

        foreach (var id in roles)
        {
            var (service, managed, statements) = ExpectedRoles[id];
            var properties = (JsonObject)deployed.Property(id)!;
            var trust = ((JsonArray)properties["AssumeRolePolicyDocument"]!["Statement"]!).ShouldHaveSingleItem()!;
            Strings(trust["Principal"]!["Service"]).ShouldBe([service], $"{id} trust");
            Strings(trust["Action"]).ShouldBe(["sts:AssumeRole"], $"{id} trust");
            Strings(properties["ManagedPolicyArns"]).ShouldBe(managed, $"{id} managed policies");
            InlineStatements(properties).Select(s => (Actions(s), DeployedTemplate.Text(s["Resource"])))
                .ShouldBe(statements, ignoreOrder: true, $"{id} inline policies");
        }
    }

    [Fact]
    public void Roles_Translated_AllowNoWildcardActionAndNoUnscopedResource()
    {
        var deployed = new DeployedTemplate(translation.Root, new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var (id, _) in translation.OfType("AWS::IAM::Role"))
        {
            foreach (var statement in InlineStatements((JsonObject)deployed.Property(id)!))
            {
                DeployedTemplate.Text(statement["Effect"]).ShouldBe("Allow");
                Actions(statement).ShouldNotContain('*', $"{id}: {statement.ToJsonString()}");
                var resource = DeployedTemplate.Text(statement["Resource"]);
                var ofTheStack = resource.StartsWith("${", StringComparison.Ordinal)
                    || resource.Split(':') is ["arn", "aws", _, TestAccount.Region, TestAccount.Id, ..];
                ofTheStack.ShouldBeTrue($"{id}: a resource must be one of the stack or of its account and region, not {resource}");
            }
        }
    }

    private static IEnumerable<JsonObject> InlineStatements(JsonObject roleProperties) =>
        roleProperties["Policies"] is JsonArray policies
            ? policies.SelectMany(p => ((JsonArray)p!["PolicyDocument"]!["Statement"]!).Cast<JsonObject>())
            : [];

    private static string Actions(JsonObject statement) =>
        string.Join(' ', Strings(statement["Action"]).Order(StringComparer.Ordinal));

    private static string[] Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray list => [.. list.Select(DeployedTemplate.Text)],
        _ => [DeployedTemplate.Text(node)],
    };
}
