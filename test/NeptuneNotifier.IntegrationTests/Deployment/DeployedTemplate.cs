using System.Text.RegularExpressions;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// A CloudFormation template (the SAM translator's JSON) as CloudFormation evaluates it for one set of parameter values:
/// its conditions, which resources it creates, and any value with its intrinsic functions resolved. References that only
/// a deployed stack knows stay symbolic, written as <c>Fn::Sub</c> writes them: <c>${NotificationTopic}</c> for a
/// resource's <c>Ref</c>, <c>${NotificationKey.Arn}</c> for an attribute.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
/// </summary>
internal sealed partial class DeployedTemplate
{
    private readonly JsonElement template;
    private readonly Dictionary<string, string> parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> conditions = new(StringComparer.Ordinal);

    /// <param name="template">The template's root.</param>
    /// <param name="values">Parameter values; a parameter not named takes its default, and one without a default fails.</param>
    public DeployedTemplate(JsonElement template, IReadOnlyDictionary<string, string> values)
    {
        this.template = template;
        foreach (var parameter in template.GetProperty("Parameters").EnumerateObject())
        {
            parameters[parameter.Name] = values.TryGetValue(parameter.Name, out var value) ? value
                : parameter.Value.TryGetProperty("Default", out var fallback) ? Scalar(fallback)
                : throw new ArgumentException($"parameter {parameter.Name} has no default and no value", nameof(values));
        }

        var unknown = values.Keys.Where(name => !parameters.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"the template has no parameter {string.Join(", ", unknown)}", nameof(values));
        }
    }

    /// <summary>The value of a condition of the Conditions section.</summary>
    public bool Condition(string name)
    {
        if (!conditions.TryGetValue(name, out var value))
        {
            value = Evaluate(template.GetProperty("Conditions").GetProperty(name));
            conditions[name] = value;
        }

        return value;
    }

    /// <summary>True when the stack creates the resource: it has no Condition, or its Condition holds.</summary>
    public bool Creates(string logicalId)
    {
        var resource = template.GetProperty("Resources").GetProperty(logicalId);
        return !resource.TryGetProperty("Condition", out var condition) || Condition(condition.GetString()!);
    }

    /// <summary>The ids of the resources the stack creates.</summary>
    public IReadOnlyList<string> CreatedResources() =>
        [.. template.GetProperty("Resources").EnumerateObject().Select(r => r.Name).Where(Creates)];

    /// <summary>The outputs the stack has, each with its value resolved.</summary>
    public IReadOnlyDictionary<string, string> Outputs() =>
        template.GetProperty("Outputs").EnumerateObject()
            .Where(o => !o.Value.TryGetProperty("Condition", out var condition) || Condition(condition.GetString()!))
            .ToDictionary(o => o.Name, o => Text(Resolve(o.Value.GetProperty("Value"))), StringComparer.Ordinal);

    /// <summary>A property of a created resource, resolved; null when it is absent or resolves to <c>AWS::NoValue</c>.</summary>
    public JsonNode? Property(string logicalId, params string[] path)
    {
        Creates(logicalId).ShouldBeTrue($"{logicalId} is not created with these parameters");
        var node = template.GetProperty("Resources").GetProperty(logicalId).GetProperty("Properties");
        foreach (var key in path)
        {
            if (!node.TryGetProperty(key, out node))
            {
                return null;
            }
        }

        return Resolve(node);
    }

    /// <summary>
    /// <paramref name="node"/> with every intrinsic function evaluated; <c>AWS::NoValue</c> removes the property or list
    /// item it stands for, and is null at the top.
    /// </summary>
    public JsonNode? Resolve(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Array:
                return new JsonArray([.. node.EnumerateArray().Select(Resolve).Where(item => item is not null)]);
            case JsonValueKind.Object:
                if (Function(node) is { } function)
                {
                    return Apply(function.Name, function.Value);
                }

                var result = new JsonObject();
                foreach (var property in node.EnumerateObject())
                {
                    if (Resolve(property.Value) is { } value)
                    {
                        result[property.Name] = value;
                    }
                }

                return result;
            default:
                return JsonNode.Parse(node.GetRawText());
        }
    }

    /// <summary>A resolved value that must be a string.</summary>
    public static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new InvalidDataException($"expected a string, got {node?.ToJsonString() ?? "no value"}");

    private static JsonProperty? Function(JsonElement node)
    {
        var properties = node.EnumerateObject().ToList();
        return properties.Count == 1 && (properties[0].Name == "Ref" || properties[0].Name == "Condition" || properties[0].Name.StartsWith("Fn::", StringComparison.Ordinal))
            ? properties[0]
            : null;
    }

    private JsonNode? Apply(string name, JsonElement arguments)
    {
        switch (name)
        {
            case "Ref":
                return Reference(arguments.GetString()!);
            case "Fn::If":
                var branches = arguments.EnumerateArray().ToList();
                branches.Count.ShouldBe(3, "Fn::If takes a condition and two values");
                return Resolve(Condition(branches[0].GetString()!) ? branches[1] : branches[2]);
            case "Fn::GetAtt":
                var parts = arguments.ValueKind == JsonValueKind.Array ? [.. arguments.EnumerateArray().Select(a => a.GetString()!)] : arguments.GetString()!.Split('.', 2);
                Creates(parts[0]).ShouldBeTrue($"Fn::GetAtt of {parts[0]}, which is not created with these parameters");
                return JsonValue.Create($"${{{parts[0]}.{parts[1]}}}");
            case "Fn::Sub":
                return JsonValue.Create(Substitute(arguments));
            case "Fn::Join":
                var join = arguments.EnumerateArray().ToList();
                return JsonValue.Create(string.Join(Scalar(join[0]), ((JsonArray)Resolve(join[1])!).Select(Text)));
            case "Fn::Split":
                var split = arguments.EnumerateArray().ToList();
                return new JsonArray([.. Text(Resolve(split[1])).Split(Scalar(split[0])).Select(part => (JsonNode)JsonValue.Create(part))]);
            case "Fn::Select":
                var select = arguments.EnumerateArray().ToList();
                var index = Resolve(select[0]) is JsonValue number && number.TryGetValue<int>(out var i) ? i : int.Parse(Text(Resolve(select[0])), CultureInfo.InvariantCulture);
                var list = (JsonArray)Resolve(select[1])!;
                // CloudFormation fails the operation on an index out of range; a condition must never do that.
                index.ShouldBeInRange(0, list.Count - 1, $"Fn::Select index {index} of {list.ToJsonString()}");
                return list[index]!.DeepClone();
            default:
                throw new NotSupportedException($"{name} is not evaluated here: add it, with CloudFormation's documented semantics");
        }
    }

    private bool Evaluate(JsonElement node)
    {
        var function = Function(node) ?? throw new InvalidDataException($"not a condition function: {node.GetRawText()}");
        var arguments = function.Value;
        return function.Name switch
        {
            "Condition" => Condition(arguments.GetString()!),
            "Fn::Equals" => Text(Resolve(arguments[0])) == Text(Resolve(arguments[1])),
            "Fn::And" => arguments.EnumerateArray().All(Evaluate),
            "Fn::Or" => arguments.EnumerateArray().Any(Evaluate),
            "Fn::Not" => !Evaluate(arguments[0]),
            var other => throw new NotSupportedException($"{other} is not a condition function"),
        };
    }

    private JsonNode? Reference(string name) => name switch
    {
        "AWS::NoValue" => null,
        "AWS::AccountId" => JsonValue.Create(TestAccount.Id),
        "AWS::Region" => JsonValue.Create(TestAccount.Region),
        "AWS::Partition" => JsonValue.Create("aws"),
        "AWS::StackName" => JsonValue.Create("neptune-notifier"),
        _ when parameters.TryGetValue(name, out var value) => JsonValue.Create(value),
        _ => Creates(name) ? JsonValue.Create($"${{{name}}}") : throw new ShouldAssertException($"Ref of {name}, which is not created with these parameters"),
    };

    private string Substitute(JsonElement arguments)
    {
        var (text, variables) = arguments.ValueKind == JsonValueKind.Array
            ? (arguments[0].GetString()!, arguments[1].EnumerateObject().ToDictionary(v => v.Name, v => Text(Resolve(v.Value)), StringComparer.Ordinal))
            : (arguments.GetString()!, new Dictionary<string, string>(StringComparer.Ordinal));
        return SubVariable().Replace(text, match =>
        {
            var variable = match.Groups["name"].Value;
            return variable.StartsWith('!') ? "${" + variable[1..] + "}"
                : variables.TryGetValue(variable, out var value) ? value
                : variable.Contains('.', StringComparison.Ordinal) ? $"${{{variable}}}"
                : Text(Reference(variable));
        });
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new InvalidDataException($"expected a plain value, got {value.GetRawText()}"),
    };

    [GeneratedRegex(@"\$\{(?<name>[^}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex SubVariable();
}
