using System.Text.RegularExpressions;
using NeptuneNotifier.Core.Settings;
using NeptuneNotifier.IntegrationTests.Reliability;
using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// template.yaml checked against the code it deploys: handler, configuration (its parameters against
/// <see cref="SettingDefinitions"/>), and IAM for every call made.
/// </summary>
public sealed partial class TemplateContractTests
{
    private readonly SamTemplate template = SamTemplate.Load();

    [Fact]
    public void Function_Runtime_IsTheAotBootstrapBuiltByMake()
    {
        var globals = template.FunctionGlobals;
        template.Scalar(globals, "Handler").ShouldBe("bootstrap");
        template.Scalar(globals, "Runtime").ShouldBe("provided.al2023");
        template.Scalar(SamTemplate.Mapping(template.Resource(SamTemplate.FunctionId), "Metadata"), "BuildMethod").ShouldBe("makefile");
        File.ReadAllText(Path.Combine(Repository.Root, "Makefile")).ShouldContain($"build-{SamTemplate.FunctionId}:");
        File.ReadAllText(Path.Combine(Repository.Root, "src", "NeptuneNotifier.Function", "NeptuneNotifier.Function.csproj"))
            .ShouldContain("<AssemblyName>bootstrap</AssemblyName>");
    }

    [Fact]
    public void Function_Environment_SetsOnlyWhatTheFunctionReadsAndEveryRequiredVariable()
    {
        var variables = EnvironmentVariables(SamTemplate.Mapping(template.Root, "Globals").Children[new YamlScalarNode("Function")])
            .Concat(EnvironmentVariables(template.Properties(SamTemplate.FunctionId)))
            .ToList();

        variables.ShouldBeUnique();
        variables.ShouldBeSubsetOf([.. NeptuneNotifier.Function.Program.ConfigurationVariables, .. NeptuneNotifier.Function.Program.RuntimeVariables]);
        variables.ShouldContain("TABLE_NAME");
        variables.ShouldContain("TOPIC_ARN");
        variables.ShouldContain("GRAPH_IDS");
    }

    [Fact]
    public void Parameters_FeedingVariables_AllowExactlyTheDeclaredValues()
    {
        var parameters = SamTemplate.Mapping(template.Root, "Parameters");
        var compared = new List<string>();
        foreach (var (variable, parameterName) in VariablesSetFromParameters())
        {
            var setting = SettingDefinitions.All.SingleOrDefault(s => s.Variable == variable).ShouldNotBeNull($"template.yaml sets {variable}, which no setting declares");
            ((setting.ReadBy & SettingReaders.Function) != 0).ShouldBeTrue($"template.yaml sets {variable} for the function, which does not read it");
            var parameter = SamTemplate.Mapping(parameters, parameterName);
            var context = $"template.yaml parameter {parameterName} (feeds {variable})";
            switch (setting)
            {
                case NumberSetting { WholeNumber: true } whole:
                    Text(parameter, "Type").ShouldBe("String", context);
                    Text(parameter, "AllowedPattern").ShouldBe(whole.ParameterPattern, $"{context}: AllowedPattern");
                    Text(parameter, "Default").ShouldBe(whole.DefaultText, $"{context}: Default");
                    Text(parameter, "ConstraintDescription").ShouldContain(whole.Range, Case.Sensitive, $"{context}: ConstraintDescription");
                    break;
                case NumberSetting number:
                    Text(parameter, "Type").ShouldBe("Number", context);
                    Number(parameter, "MinValue").ShouldBe(number.Minimum, $"{context}: MinValue");
                    Number(parameter, "MaxValue").ShouldBe(number.Maximum, $"{context}: MaxValue");
                    Number(parameter, "Default").ShouldBe(number.Default, $"{context}: Default");
                    break;
                case ChoiceSetting choice:
                    Text(parameter, "Type").ShouldBe("String", context);
                    SamTemplate.SequenceNode(parameter, "AllowedValues").Children.Select(n => ((YamlScalarNode)n).Value).ShouldBe(choice.Choices, $"{context}: AllowedValues");
                    Text(parameter, "Default").ShouldBe(choice.Default, $"{context}: Default");
                    break;
                case OptionalNumberSetting optional:
                    Text(parameter, "Type").ShouldBe("String", context);
                    Text(parameter, "AllowedPattern").ShouldBe(optional.ParameterPattern, $"{context}: AllowedPattern");
                    Text(parameter, "Default").ShouldBeEmpty($"{context}: Default (empty: off)");
                    Text(parameter, "ConstraintDescription").ShouldContain(optional.Range, Case.Sensitive, $"{context}: ConstraintDescription");
                    break;
                case ListSetting list:
                    Text(parameter, "Type").ShouldBe("String", context);
                    Text(parameter, "AllowedPattern").ShouldBe($"^$|^{list.ItemPattern}(,{list.ItemPattern})*$", $"{context}: AllowedPattern");
                    Text(parameter, "Default").ShouldBe(list.DefaultText, $"{context}: Default");
                    break;
                default:
                    throw new ShouldAssertException($"{context}: a {setting.GetType().Name} has no parameter form this test knows; declare how to compare it");
            }

            compared.Add(variable);
        }

        compared.ShouldBe(["LOG_LEVEL", "GRAPH_IDS", "POLL_STRATEGY", "MAX_CONCURRENCY", "REQUESTS_PER_SECOND", "RETENTION_DAYS", "OVERDUE_AFTER_MINUTES", "STALLED_AFTER_MINUTES"], ignoreOrder: true);
    }

    [Fact]
    public void Function_Policies_GrantExactlyTheActionsTheCodeCalls()
    {
        var granted = Statements().SelectMany(s => Actions(s)).ToHashSet(StringComparer.Ordinal);

        granted.OrderBy(a => a, StringComparer.Ordinal).ShouldBe(ActionsCalledByCode().OrderBy(a => a, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("neptune-graph:GetExportTask neptune-graph:ListExportTasks", "export-task")]
    [InlineData("neptune-graph:GetImportTask neptune-graph:ListImportTasks", "import-task")]
    public void Function_Policies_ScopeNeptuneReadsToTheirOwnTaskTypeOfItsOwnAccountAndRegion(string actions, string resourceType)
    {
        // The service authorization reference lists export-task as the only resource type of GetExportTask and
        // ListExportTasks, import-task as the only one of GetImportTask and ListImportTasks, none with condition keys.
        var statement = Statements().Single(s => Actions(s).Contains(actions.Split(' ')[0]));
        var resource = (YamlScalarNode)statement.Children[new YamlScalarNode("Resource")];

        string.Join(' ', Actions(statement).Order(StringComparer.Ordinal)).ShouldBe(actions);
        resource.Tag.Value.ShouldBe("!Sub");
        resource.Value.ShouldBe($"arn:${{AWS::Partition}}:neptune-graph:${{AWS::Region}}:${{AWS::AccountId}}:{resourceType}/*");
        statement.Children.ContainsKey(new YamlScalarNode("Condition")).ShouldBeFalse();
    }

    [Fact]
    public void CloudTrailRule_EventPattern_MatchesExactlyTheCallsThatStartATaskInThisAccountAndRegion()
    {
        var pattern = SamTemplate.Mapping(template.Properties("StartExportTaskRule"), "EventPattern");
        var detail = SamTemplate.Mapping(pattern, "detail");

        Values(detail, "eventSource").ShouldBe(["neptune-graph.amazonaws.com"]);
        Values(detail, "eventName").ShouldBe(["StartExportTask", "StartImportTask", "CreateGraphUsingImportTask"], ignoreOrder: true);
        Values(pattern, "detail-type").ShouldBe(["AWS API Call via CloudTrail"]);
        template.Scalar(template.Resource("StartExportTaskRule"), "Condition").ShouldBe("TrackFromCloudTrail");

        // Only this account's and region's calls: the function refuses any other, so each would be a failed invocation.
        foreach (var (field, reference) in new[] { ("account", "AWS::AccountId"), ("region", "AWS::Region") })
        {
            var value = SamTemplate.SequenceNode(pattern, field).Children.ShouldHaveSingleItem().ShouldBeOfType<YamlScalarNode>();
            (value.Tag.Value, value.Value).ShouldBe(("!Ref", reference), field);
        }

        static List<string> Values(YamlMappingNode node, string key) =>
            [.. SamTemplate.SequenceNode(node, key).Children.OfType<YamlScalarNode>().Select(n => n.Value!)];
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
    /// state store, Neptune Analytics calls of the export task source, SNS calls of the SNS channel, the KMS calls
    /// SNS makes on the channel's behalf for an encrypted topic, and EventBridge calls of the EventBridge channel.
    /// </summary>
    internal static IReadOnlySet<string> ActionsCalledByCode()
    {
        var src = Path.Combine(Repository.Root, "src", "NeptuneNotifier.Aws");
        HashSet<string> actions = new(StringComparer.Ordinal) { "kms:GenerateDataKey", "kms:Decrypt" };
        foreach (var file in Directory.GetFiles(Path.Combine(src, "DynamoDb"), "*.cs"))
        {
            actions.UnionWith(ClientCall().Matches(File.ReadAllText(file)).Select(m => "dynamodb:" + m.Groups["operation"].Value));
        }

        actions.UnionWith(ClientCall().Matches(File.ReadAllText(Path.Combine(src, "Adapters", "NeptuneExportTaskSource.cs"))).Select(m => "neptune-graph:" + m.Groups["operation"].Value));
        actions.UnionWith(ClientCall().Matches(File.ReadAllText(Path.Combine(src, "Adapters", "SnsNotificationChannel.cs"))).Select(m => "sns:" + m.Groups["operation"].Value));
        var eventBridge = Path.Combine(src, "Adapters", "EventBridgeNotificationChannel.cs");
        File.Exists(eventBridge).ShouldBeTrue($"{eventBridge} is missing: template.yaml grants events:PutEvents for the EventBridge channel");
        actions.UnionWith(ClientCall().Matches(File.ReadAllText(eventBridge)).Select(m => "events:" + m.Groups["operation"].Value));
        return actions;
    }

    /// <summary>Each function variable template.yaml sets from a parameter (<c>!Ref</c>), with that parameter.</summary>
    private List<(string Variable, string Parameter)> VariablesSetFromParameters()
    {
        var parameters = SamTemplate.Mapping(template.Root, "Parameters").Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal);
        var globals = template.FunctionGlobals;
        return [.. new[] { globals, template.Properties(SamTemplate.FunctionId) }
            .SelectMany(node => SamTemplate.Mapping(SamTemplate.Mapping(node, "Environment"), "Variables").Children)
            .Where(entry => entry.Value is YamlScalarNode { Tag.IsEmpty: false, Tag.Value: "!Ref" } reference && parameters.Contains(reference.Value))
            .Select(entry => (((YamlScalarNode)entry.Key).Value!, ((YamlScalarNode)entry.Value).Value!))];
    }

    private static string Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? string.Empty : throw new ShouldAssertException($"template.yaml: {key} is missing");

    private static double Number(YamlMappingNode node, string key) => double.Parse(Text(node, key), CultureInfo.InvariantCulture);

    // Every statement, a conditional one (a channel's grant) included.
    private IEnumerable<YamlMappingNode> Statements() =>
        TemplateSecurityRules.Items(SamTemplate.SequenceNode(template.Properties(SamTemplate.FunctionId), "Policies"))
            .OfType<YamlMappingNode>()
            .SelectMany(policy => TemplateSecurityRules.Items(SamTemplate.SequenceNode(policy, "Statement")).OfType<YamlMappingNode>());

    private static List<string> Actions(YamlMappingNode statement) => statement.Children[new YamlScalarNode("Action")] switch
    {
        YamlScalarNode single => [single.Value!],
        YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Select(n => n.Value!)],
        var other => throw new InvalidDataException($"template.yaml line {other.Start.Line}: Action is neither a string nor a list"),
    };

    private static IEnumerable<string> EnvironmentVariables(YamlNode properties) =>
        properties is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("Environment"), out var environment)
            ? SamTemplate.Mapping(environment, "Variables").Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!)
            : [];

    // client.GetItemAsync( / client.ListExportTasksPagesAsync( : the operation the adapter calls.
    [GeneratedRegex(@"client\.(?<operation>[A-Z][A-Za-z]+?)(Pages)?Async\(", RegexOptions.CultureInvariant)]
    private static partial Regex ClientCall();
}
