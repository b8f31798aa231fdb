using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// The repository's <c>template.yaml</c>, read with YamlDotNet's representation model so CloudFormation short-form
/// tags (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>, ...) load as tagged nodes instead of failing. The tests create their
/// tables from it, so the template is the one source of truth for the schema.
/// </summary>
internal sealed class SamTemplate
{
    /// <summary>The logical id of the notifier's function.</summary>
    public const string FunctionId = "NotifierFunction";

    /// <summary>The logical id of the stack's own topic.</summary>
    public const string TopicId = "NotificationTopic";

    /// <summary>The logical id of the KMS key the topic and the state table are encrypted with.</summary>
    public const string KeyId = "NotificationKey";

    /// <summary>The logical id of the state table.</summary>
    public const string TableId = "StateTable";

    private readonly YamlMappingNode root;

    private SamTemplate(YamlMappingNode root) => this.root = root;

    public static SamTemplate Load()
    {
        var path = Path.Combine(Repository.Root, "template.yaml");
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new SamTemplate(stream.Documents.Single().RootNode as YamlMappingNode
            ?? throw new InvalidDataException($"{path}: the document is not a mapping"));
    }

    public YamlMappingNode Root => root;

    public YamlMappingNode Resource(string logicalId) =>
        Mapping(Mapping(root, "Resources"), logicalId);

    public YamlMappingNode Properties(string logicalId) => Mapping(Resource(logicalId), "Properties");

    /// <summary>A CreateTable request for <paramref name="logicalId"/> as the template defines it, under <paramref name="tableName"/>.</summary>
    public CreateTableRequest CreateTableRequest(string logicalId, string tableName)
    {
        var resource = Resource(logicalId);
        Scalar(resource, "Type").ShouldBe("AWS::DynamoDB::Table", $"resource {logicalId} is not a DynamoDB table");
        var properties = Mapping(resource, "Properties");
        var request = new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = new BillingMode(Scalar(properties, "BillingMode")),
            AttributeDefinitions = [.. Sequence(properties, "AttributeDefinitions").Select(node => new AttributeDefinition(
                Scalar(node, "AttributeName"), new ScalarAttributeType(Scalar(node, "AttributeType"))))],
            KeySchema = KeySchema(properties),
        };
        if (properties.Children.ContainsKey("GlobalSecondaryIndexes"))
        {
            request.GlobalSecondaryIndexes = [.. Sequence(properties, "GlobalSecondaryIndexes").Select(node =>
            {
                var projection = Mapping(node, "Projection");
                return new GlobalSecondaryIndex
                {
                    IndexName = Scalar(node, "IndexName"),
                    KeySchema = KeySchema(node),
                    Projection = new Projection
                    {
                        ProjectionType = new ProjectionType(Scalar(projection, "ProjectionType")),
                        NonKeyAttributes = projection.Children.ContainsKey("NonKeyAttributes")
                            ? [.. Sequence(projection, "NonKeyAttributes").Select(Resolve)]
                            : null,
                    },
                };
            })];
        }

        return request;
    }

    /// <summary>The value of a scalar, resolving <c>!Ref</c> to a parameter's default and <c>!Sub</c> of parameters.</summary>
    public string Resolve(YamlNode node)
    {
        var scalar = node as YamlScalarNode ?? throw new InvalidDataException($"template.yaml line {node.Start.Line}: expected a scalar");
        var value = scalar.Value ?? string.Empty;
        return scalar.Tag.IsEmpty ? value : scalar.Tag.Value switch
        {
            "!Ref" => ParameterDefault(value),
            "!Sub" => Substitute(value),
            var tag => throw new InvalidDataException($"template.yaml line {node.Start.Line}: {tag} cannot be resolved locally"),
        };
    }

    /// <summary>What every function of the template has (<c>Globals: Function</c>).</summary>
    public YamlMappingNode FunctionGlobals => Mapping(Mapping(root, "Globals"), "Function");

    /// <summary>The function's <c>Timeout</c>, in seconds.</summary>
    public int FunctionTimeoutSeconds => int.Parse(Scalar(FunctionGlobals, "Timeout"), CultureInfo.InvariantCulture);

    public string ParameterDefault(string name) =>
        Scalar(Mapping(Mapping(root, "Parameters"), name), "Default");

    public static YamlMappingNode Mapping(YamlNode node, string key) =>
        Child(node, key) as YamlMappingNode ?? throw new InvalidDataException($"template.yaml: '{key}' is not a mapping");

    public static YamlSequenceNode SequenceNode(YamlNode node, string key) =>
        Child(node, key) as YamlSequenceNode ?? throw new InvalidDataException($"template.yaml: '{key}' is not a list");

    public string Scalar(YamlNode node, string key) => Resolve(Child(node, key));

    private IEnumerable<YamlNode> Sequence(YamlNode node, string key) => SequenceNode(node, key).Children;

    private List<KeySchemaElement> KeySchema(YamlNode node) =>
        [.. Sequence(node, "KeySchema").Select(element => new KeySchemaElement(Scalar(element, "AttributeName"), new KeyType(Scalar(element, "KeyType"))))];

    private string Substitute(string template)
    {
        var result = template;
        foreach (var parameter in Mapping(root, "Parameters").Children.Keys.OfType<YamlScalarNode>())
        {
            result = result.Replace("${" + parameter.Value + "}", ParameterDefault(parameter.Value!), StringComparison.Ordinal);
        }

        return result.Replace("${AWS::StackName}", "local", StringComparison.Ordinal)
            .Replace("${AWS::Region}", TestAccount.Region, StringComparison.Ordinal)
            .Replace("${AWS::AccountId}", TestAccount.Id, StringComparison.Ordinal);
    }

    private static YamlNode Child(YamlNode node, string key)
    {
        var mapping = node as YamlMappingNode ?? throw new InvalidDataException($"template.yaml line {node.Start.Line}: expected a mapping holding '{key}'");
        return mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : throw new InvalidDataException($"template.yaml line {node.Start.Line}: '{key}' is missing");
    }
}
