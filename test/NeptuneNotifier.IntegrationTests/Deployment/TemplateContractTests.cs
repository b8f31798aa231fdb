using System.Text.RegularExpressions;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>template.yaml checked against the code it deploys: handler, configuration, and IAM for every call made.</summary>
public sealed partial class TemplateContractTests
{
    private const string FunctionId = "NotifierFunction";

    private readonly SamTemplate template = SamTemplate.Load();

    [Fact]
    public void Function_Runtime_IsTheAotBootstrapBuiltByMake()
    {
        var globals = SamTemplate.Mapping(SamTemplate.Mapping(template.Root, "Globals"), "Function");
        template.Scalar(globals, "Handler").ShouldBe("bootstrap");
        template.Scalar(globals, "Runtime").ShouldBe("provided.al2023");
        template.Scalar(SamTemplate.Mapping(template.Resource(FunctionId), "Metadata"), "BuildMethod").ShouldBe("makefile");
        File.ReadAllText(Path.Combine(NodeTooling.RepositoryRoot, "Makefile")).ShouldContain($"build-{FunctionId}:");
        File.ReadAllText(Path.Combine(NodeTooling.RepositoryRoot, "src", "NeptuneNotifier.Function", "NeptuneNotifier.Function.csproj"))
            .ShouldContain("<AssemblyName>bootstrap</AssemblyName>");
    }

    [Fact]
    public void Function_Environment_SetsOnlyWhatTheFunctionReadsAndEveryRequiredVariable()
    {
        var variables = EnvironmentVariables(SamTemplate.Mapping(template.Root, "Globals").Children[new YamlScalarNode("Function")])
            .Concat(EnvironmentVariables(template.Properties(FunctionId)))
            .ToList();

        variables.ShouldBeUnique();
        variables.ShouldBeSubsetOf([.. NeptuneNotifier.Function.Program.ConfigurationVariables, .. NeptuneNotifier.Function.Program.RuntimeVariables]);
        variables.ShouldContain("TABLE_NAME");
        variables.ShouldContain("TOPIC_ARN");
        variables.ShouldContain("GRAPH_IDS");
    }

    [Fact]
    public void Function_Policies_GrantExactlyTheActionsTheCodeCalls()
    {
        var granted = Statements().SelectMany(s => Actions(s)).ToHashSet(StringComparer.Ordinal);

        granted.OrderBy(a => a, StringComparer.Ordinal).ShouldBe(ActionsCalledByCode().OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact]
    public void Function_Policies_HaveNoWildcardActionOrResource()
    {
        foreach (var statement in Statements())
        {
            Actions(statement).ShouldAllBe(action => !action.Contains('*'));
            var resource = statement.Children[new YamlScalarNode("Resource")];
            var text = resource is YamlScalarNode scalar ? scalar.Value : null;
            text.ShouldNotBe("*", $"statement {Sid(statement)} grants every resource");
        }
    }

    [Fact]
    public void Function_Policies_ScopeNeptuneToExportTasksOfItsOwnAccountAndRegion()
    {
        var neptune = Statements().Single(s => Actions(s).Any(a => a.StartsWith("neptune-graph:", StringComparison.Ordinal)));
        var resource = (YamlScalarNode)neptune.Children[new YamlScalarNode("Resource")];

        resource.Tag.Value.ShouldBe("!Sub");
        resource.Value.ShouldBe("arn:${AWS::Partition}:neptune-graph:${AWS::Region}:${AWS::AccountId}:export-task/*");
    }

    [Fact]
    public void Function_DynamoDbQuery_IsScopedToTheActiveIndexOnly()
    {
        var query = Statements().Single(s => Actions(s).Contains("dynamodb:Query"));
        Actions(query).ShouldBe(["dynamodb:Query"]);
        var resource = (YamlScalarNode)query.Children[new YamlScalarNode("Resource")];
        resource.Value.ShouldBe("${StateTable.Arn}/index/" + StateTableSchema.ActiveIndexName);
    }

    /// <summary>
    /// Every AWS call the deployed function can make, read from the adapters it is built from: DynamoDB calls of the
    /// state store, Neptune Analytics calls of the export task source, SNS calls of the SNS channel, and the KMS calls
    /// SNS makes on the channel's behalf for an encrypted topic.
    /// </summary>
    internal static IReadOnlySet<string> ActionsCalledByCode()
    {
        var src = Path.Combine(NodeTooling.RepositoryRoot, "src", "NeptuneNotifier.Aws");
        HashSet<string> actions = new(StringComparer.Ordinal) { "kms:GenerateDataKey", "kms:Decrypt" };
        foreach (var file in Directory.GetFiles(Path.Combine(src, "DynamoDb"), "*.cs"))
        {
            actions.UnionWith(ClientCall().Matches(File.ReadAllText(file)).Select(m => "dynamodb:" + m.Groups["operation"].Value));
        }

        actions.UnionWith(ClientCall().Matches(File.ReadAllText(Path.Combine(src, "Adapters", "NeptuneExportTaskSource.cs"))).Select(m => "neptune-graph:" + m.Groups["operation"].Value));
        actions.UnionWith(ClientCall().Matches(File.ReadAllText(Path.Combine(src, "Adapters", "SnsNotificationChannel.cs"))).Select(m => "sns:" + m.Groups["operation"].Value));
        return actions;
    }

    private IEnumerable<YamlMappingNode> Statements() =>
        SamTemplate.SequenceNode(template.Properties(FunctionId), "Policies").Children
            .OfType<YamlMappingNode>()
            .SelectMany(policy => SamTemplate.SequenceNode(policy, "Statement").Children.OfType<YamlMappingNode>());

    private static List<string> Actions(YamlMappingNode statement) => statement.Children[new YamlScalarNode("Action")] switch
    {
        YamlScalarNode single => [single.Value!],
        YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Select(n => n.Value!)],
        var other => throw new InvalidDataException($"template.yaml line {other.Start.Line}: Action is neither a string nor a list"),
    };

    private static string Sid(YamlMappingNode statement) =>
        statement.Children.TryGetValue(new YamlScalarNode("Sid"), out var sid) ? ((YamlScalarNode)sid).Value ?? "?" : "?";

    private static IEnumerable<string> EnvironmentVariables(YamlNode properties) =>
        properties is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("Environment"), out var environment)
            ? SamTemplate.Mapping(environment, "Variables").Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!)
            : [];

    // client.GetItemAsync( / client.ListExportTasksPagesAsync( : the operation the adapter calls.
    [GeneratedRegex(@"client\.(?<operation>[A-Z][A-Za-z]+?)(Pages)?Async\(", RegexOptions.CultureInvariant)]
    private static partial Regex ClientCall();
}
