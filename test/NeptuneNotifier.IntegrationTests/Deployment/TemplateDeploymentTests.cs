using NeptuneNotifier.IntegrationTests.Reliability;
using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>What a real deploy of template.yaml with samconfig.toml depends on, beyond what cfn-lint and SAM check.</summary>
public sealed class TemplateDeploymentTests
{
    private readonly SamTemplate template = SamTemplate.Load();

    /// <summary>Each stateful resource and the deletion and replacement policy chosen for it (README, "Remove").</summary>
    public static TheoryData<string, string> StatefulResources => new()
    {
        { "StateTable", "Delete" },
        { "NotificationKey", "Delete" },
        { "NotifierLogGroup", "Delete" },
        { "ScheduleDeadLetterQueue", "Delete" },
        { "FailedInvocationQueue", "Delete" },
        { "ExportStartTrailBucket", "Retain" },
    };

    [Theory]
    [InlineData("true", "false", true)]
    [InlineData("true", "true", false)]
    [InlineData("false", "true", false)]
    public void Rules_TrailWithoutTracking_IsRefusedAtDeploy(string createTrail, string track, bool refused) =>
        TemplateRules.Failures(template, new Dictionary<string, string>(StringComparer.Ordinal) { ["CreateTrail"] = createTrail, ["TrackNewExports"] = track })
            .Count.ShouldBe(refused ? 1 : 0);

    [Theory]
    [MemberData(nameof(StatefulResources))]
    public void StatefulResource_Policies_AreExplicitAndAsDocumented(string id, string policy)
    {
        var resource = template.Resource(id);

        template.Scalar(resource, "DeletionPolicy").ShouldBe(policy, id);
        template.Scalar(resource, "UpdateReplacePolicy").ShouldBe(policy, id);
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        if (policy == "Retain")
        {
            readme.ShouldContain(id, Case.Sensitive, $"the README's Remove section says {id} stays and how to delete it");
        }
    }

    [Fact]
    public void StatefulResources_OfTheTemplate_AreAllListed()
    {
        string[] stateful = ["AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::SQS::Queue", "AWS::S3::Bucket"];
        var found = TemplateSecurityRules.Resources(template.Root)
            .Where(r => stateful.Contains(TemplateSecurityRules.Text(TemplateSecurityRules.Child(r.Resource, "Type"))))
            .Select(r => r.Id);

        found.ShouldBe(StatefulResources.Select(row => row.Data.Item1), ignoreOrder: true);
    }

    [Fact]
    public void LogGroup_Name_IsTheStacksNotTheFunctions()
    {
        var name = (YamlScalarNode)SamTemplate.Mapping(template.Resource("NotifierLogGroup"), "Properties").Children[new YamlScalarNode("LogGroupName")];
        TemplateSecurityRules.References(name).ShouldBeEmpty("the name must not wait for the function to exist");
        name.Value.ShouldStartWith("/neptune-notifier/");
        var logging = SamTemplate.Mapping(template.Properties(SamTemplate.FunctionId), "LoggingConfig");
        TemplateSecurityRules.References(logging.Children[new YamlScalarNode("LogGroup")]).ShouldBe(["NotifierLogGroup"]);

        // Nothing else may look for logs where Lambda writes by default.
        string[] places = ["template.yaml", "README.md", "samconfig.toml", .. Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories)];
        foreach (var place in places)
        {
            File.ReadAllText(Path.Combine(Repository.Root, place)).ShouldNotContain("/aws/lambda/", Case.Sensitive, place);
        }
    }

    [Fact]
    public void Trail_WhenCreated_IsSingleRegionLoggingAndWritesOnlyForItself()
    {
        var trail = template.Properties("ExportStartTrail");
        template.Scalar(template.Resource("ExportStartTrail"), "Condition").ShouldBe("CreateOwnTrail");
        template.Scalar(trail, "IsLogging").ShouldBe("true");
        template.Scalar(trail, "IsMultiRegionTrail").ShouldBe("false");
        var trailArn = "arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/" + ((YamlScalarNode)trail.Children[new YamlScalarNode("TrailName")]).Value;

        var statements = TemplateSecurityRules.Statements(template.Root).Where(s => s.Where.StartsWith("ExportStartTrailBucketPolicy", StringComparison.Ordinal)).ToList();
        var cloudTrail = statements.Where(s => s.Effect == "Allow").ToList();
        cloudTrail.Count.ShouldBe(2);
        foreach (var statement in cloudTrail)
        {
            TemplateSecurityRules.Text(TemplateSecurityRules.Child(TemplateSecurityRules.Child(statement.Node, "Principal"), "Service")).ShouldBe("cloudtrail.amazonaws.com");
            TemplateSecurityRules.Text(TemplateSecurityRules.Child(TemplateSecurityRules.Child(statement.Node, "Condition"), "StringEquals") is { } equals
                ? TemplateSecurityRules.Child(equals, "aws:SourceArn") : null).ShouldBe(trailArn);
        }

        var lifecycle = SamTemplate.SequenceNode(SamTemplate.Mapping(template.Properties("ExportStartTrailBucket"), "LifecycleConfiguration"), "Rules").Children.ShouldHaveSingleItem();
        TemplateSecurityRules.References(TemplateSecurityRules.Child(lifecycle, "ExpirationInDays")).ShouldBe(["TrailLogRetentionDays"]);
    }

    [Fact]
    public void TrackNewExports_Description_SaysWhatItNeedsAndNamesTheBackstop()
    {
        var description = template.Scalar(SamTemplate.Mapping(SamTemplate.Mapping(template.Root, "Parameters"), "TrackNewExports"), "Description");
        foreach (var needed in new[] { "trail with logging on in this region", "Event history is not a trail", "best effort", "GraphIds", "CreateTrail" })
        {
            description.ShouldContain(needed, Case.Sensitive);
        }

        template.Scalar(SamTemplate.Mapping(SamTemplate.Mapping(template.Root, "Parameters"), "CreateTrail"), "Description").ShouldContain("billed");
    }

    [Fact]
    public void Tags_StackTagsOfEveryConfiguration_AreNotRestatedOnResources()
    {
        var config = SamConfig.Load();
        var stackTagKeys = config.Environments.SelectMany(config.StackTags).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        stackTagKeys.ShouldContain("application");

        foreach (var (id, resource) in TemplateSecurityRules.Resources(template.Root))
        {
            var keys = TemplateSecurityRules.Items(TemplateSecurityRules.Child(TemplateSecurityRules.Child(resource, "Properties"), "Tags"))
                .Select(tag => TemplateSecurityRules.Text(TemplateSecurityRules.Child(tag, "Key")));
            keys.ShouldNotContain(key => key != null && stackTagKeys.Contains(key), $"{id} restates a stack tag, which CloudFormation already propagates");
        }
    }

    [Fact]
    public void Readme_ParameterTable_DescribesEveryParameterWithItsDefault()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var rows = lines.SkipWhile(line => line != "| parameter | default | what it does |").Skip(2).TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .SelectMany(cells => cells[0].Split(", ").Select((name, i) => (Name: name.Trim('`'), Default: cells[1].Split(", ").ElementAtOrDefault(i) ?? cells[1])))
            .ToDictionary(row => row.Name, row => row.Default, StringComparer.Ordinal);

        foreach (var (key, _) in SamTemplate.Mapping(template.Root, "Parameters").Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            rows.ShouldContainKey(name, $"README.md's parameter table does not describe {name}");
            var fallback = template.ParameterDefault(name);
            rows[name].Trim('`').ShouldBe(fallback.Length == 0 ? "empty" : fallback, $"README.md's default of {name}");
        }
    }

    [Fact]
    public void SamConfig_EveryConfiguration_SaysWhichRegionItDeploysTo()
    {
        var config = SamConfig.Load();
        foreach (var environment in config.Environments.Where(e => config.Value($"{e}.deploy.parameters", "capabilities") is not null))
        {
            var pinned = config.Value($"{environment}.global.parameters", "region") ?? config.Value($"{environment}.deploy.parameters", "region");
            var fromProfile = config.Comments($"{environment}.global.parameters").Any(c => c.Contains("region of the AWS profile", StringComparison.Ordinal));
            (pinned is not null || fromProfile).ShouldBeTrue($"[{environment}] names no region and does not say it deploys to the profile's");
        }
    }

    // A user who ran --guided redeploys that stack with plain `sam deploy`; `--config-env prod` is another stack.
    [Fact]
    public void Readme_DeployCommands_RedeployTheGuidedStackNotAnotherOne()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var block = lines.SkipWhile(line => !line.StartsWith("sam deploy --guided", StringComparison.Ordinal)).TakeWhile(line => line != "```").ToList();
        var prodStack = SamConfig.Load().Value("prod.global.parameters", "stack_name");

        block.ShouldNotBeEmpty("README.md has no `sam deploy --guided` command");
        block.ShouldContain(line => line.Split('#')[0].Trim() == "sam deploy", "no plain `sam deploy` after --guided");
        block.ShouldNotContain(line => line.Contains("--config-env", StringComparison.Ordinal));
        prodStack.ShouldNotBeNull().ShouldNotBe(SamConfig.Load().Value("default.global.parameters", "stack_name"));
        lines.ShouldContain(line => line.Contains("`sam deploy --config-env prod` deploys a second, separate stack", StringComparison.Ordinal) && line.Contains(prodStack, StringComparison.Ordinal));
    }
}
