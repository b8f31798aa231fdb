namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>What SAM generates from template.yaml: the schedule, the async invoke settings, logging, and every role.</summary>
public sealed class SamTranslationTests(SamTranslation translation) : IClassFixture<SamTranslation>
{
    private const string FunctionRef = """{"Fn::GetAtt":["NotifierFunction","Arn"]}""";
    private const string QueueArn = """{"Fn::GetAtt":["ScheduleDeadLetterQueue","Arn"]}""";

    /// <summary>The roles SAM creates, with their trust, their AWS managed policies and every inline statement.</summary>
    private static readonly Dictionary<string, (string Service, string[] Managed, (string Actions, string Resource)[] Statements)> ExpectedRoles = new(StringComparer.Ordinal)
    {
        ["NotifierFunctionRole"] = (
            "lambda.amazonaws.com",
            ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"],
            [
                ("dynamodb:BatchGetItem dynamodb:DeleteItem dynamodb:GetItem dynamodb:PutItem dynamodb:UpdateItem", """{"Fn::GetAtt":["StateTable","Arn"]}"""),
                ("dynamodb:Query", """{"Fn::Sub":"${StateTable.Arn}/index/active-index"}"""),
                ("neptune-graph:GetExportTask neptune-graph:ListExportTasks", """{"Fn::Sub":"arn:${AWS::Partition}:neptune-graph:${AWS::Region}:${AWS::AccountId}:export-task/*"}"""),
                ("neptune-graph:GetImportTask neptune-graph:ListImportTasks", """{"Fn::Sub":"arn:${AWS::Partition}:neptune-graph:${AWS::Region}:${AWS::AccountId}:import-task/*"}"""),
                ("sns:Publish", """{"Ref":"NotificationTopic"}"""),
                ("kms:Decrypt kms:GenerateDataKey", """{"Fn::GetAtt":["NotificationKey","Arn"]}"""),
            ]),
        ["NotifierFunctionPollRole"] = (
            "scheduler.amazonaws.com",
            [],
            [("lambda:InvokeFunction", FunctionRef), ("sqs:SendMessage", QueueArn)]),
    };

    [Fact]
    public void Schedule_Translated_HasNoFixedName()
    {
        var (id, schedule) = translation.OfType("AWS::Scheduler::Schedule").ShouldHaveSingleItem();

        schedule.GetProperty("Properties").TryGetProperty("Name", out var name).ShouldBeFalse($"{id} is named {name}: a second stack in the account would clash");
    }

    [Fact]
    public void EventInvokeConfig_Translated_RetriesNoFailedInvoke()
    {
        var (_, config) = translation.OfType("AWS::Lambda::EventInvokeConfig").ShouldHaveSingleItem();
        var properties = config.GetProperty("Properties");

        properties.GetProperty("MaximumRetryAttempts").GetInt32().ShouldBe(0);
        SamTranslation.Compact(properties.GetProperty("FunctionName")).ShouldBe("""{"Ref":"NotifierFunction"}""");
        properties.GetProperty("Qualifier").GetString().ShouldBe("$LATEST");
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
        translation.OfType("AWS::SQS::Queue").Select(q => q.Id).ShouldBe(["ScheduleDeadLetterQueue"], "SAM must not add a queue of its own");
        translation.OfType("AWS::SQS::QueuePolicy").ShouldBeEmpty("the scheduler sends with its role; no queue policy opens the queue to anyone else");
    }

    [Fact]
    public void Rules_Translated_ReachCloudFormationUnchanged()
    {
        var rules = translation.Root.GetProperty("Rules");

        rules.EnumerateObject().Select(r => r.Name).ShouldBe(["EmailNeedsStandardTopic", "TrailServesTracking"], ignoreOrder: true);
        SamTranslation.Compact(rules.GetProperty("EmailNeedsStandardTopic").GetProperty("Assertions")[0].GetProperty("Assert"))
            .ShouldBe("""{"Fn::Equals":[{"Ref":"NotificationEmail"},""]}""");
    }

    [Fact]
    public void Roles_Translated_AreExactlyTheExpectedOnes()
    {
        var roles = translation.OfType("AWS::IAM::Role");
        roles.Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(ExpectedRoles.Keys.Order(StringComparer.Ordinal));

        foreach (var (id, role) in roles)
        {
            var (service, managed, statements) = ExpectedRoles[id];
            var properties = role.GetProperty("Properties");
            var trust = properties.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray().ShouldHaveSingleItem();
            Strings(trust.GetProperty("Principal").GetProperty("Service")).ShouldBe([service], $"{id} trust");
            Strings(trust.GetProperty("Action")).ShouldBe(["sts:AssumeRole"], $"{id} trust");
            (properties.TryGetProperty("ManagedPolicyArns", out var arns) ? Strings(arns) : []).ShouldBe(managed, $"{id} managed policies");
            InlineStatements(properties).Select(s => (Actions(s), SamTranslation.Compact(s.GetProperty("Resource"))))
                .ShouldBe(statements, ignoreOrder: true, $"{id} inline policies");
        }
    }

    [Fact]
    public void Roles_Translated_AllowNoWildcardActionAndNoUnscopedResource()
    {
        foreach (var (id, role) in translation.OfType("AWS::IAM::Role"))
        {
            foreach (var statement in InlineStatements(role.GetProperty("Properties")))
            {
                statement.GetProperty("Effect").GetString().ShouldBe("Allow");
                Actions(statement).ShouldNotContain('*', $"{id}: {SamTranslation.Compact(statement)}");
                var resource = statement.GetProperty("Resource");
                resource.ValueKind.ShouldBe(JsonValueKind.Object, $"{id}: a resource must name a resource of the stack, not {resource}");
                SamTranslation.Compact(resource).ShouldNotContain("\"*\"");
            }
        }
    }

    private static IEnumerable<JsonElement> InlineStatements(JsonElement roleProperties) =>
        roleProperties.TryGetProperty("Policies", out var policies)
            ? policies.EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            : [];

    private static string Actions(JsonElement statement) =>
        string.Join(' ', Strings(statement.GetProperty("Action")).Order(StringComparer.Ordinal));

    private static string[] Strings(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? [.. element.EnumerateArray().Select(e => e.GetString()!)]
        : [element.GetString()!];
}
