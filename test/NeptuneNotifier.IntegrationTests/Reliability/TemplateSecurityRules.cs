using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>One IAM policy statement found in the template, with where it was found.</summary>
internal sealed record PolicyStatement(string Where, YamlMappingNode Node)
{
    public string Effect => TemplateSecurityRules.Text(TemplateSecurityRules.Child(Node, "Effect")) ?? "Allow";

    public IReadOnlyList<YamlNode> Actions => TemplateSecurityRules.Items(TemplateSecurityRules.Child(Node, "Action"));

    public IReadOnlyList<YamlNode> Resources => TemplateSecurityRules.Items(TemplateSecurityRules.Child(Node, "Resource"));
}

/// <summary>
/// Security rules over a CloudFormation/SAM template, by resource type, so they cover every resource the template has
/// now and any it gains: no wildcard actions, no unscoped resources, no anonymous principals, encryption at rest,
/// policy documents of the current language version, private buckets.
/// </summary>
internal static partial class TemplateSecurityRules
{
    /// <summary>Actions AWS only authorises on <c>Resource: "*"</c> (no resource-level permissions).</summary>
    private static readonly HashSet<string> StarOnlyActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData",
    };

    /// <summary>AWS managed policies that grant far more than one function needs.</summary>
    private static readonly string[] BroadManagedPolicies = ["AdministratorAccess", "PowerUserAccess", "FullAccess", "ReadOnlyAccess"];

    public static IReadOnlyList<string> Check(YamlMappingNode template)
    {
        List<string> violations = [];
        var documents = PolicyDocuments(template, violations).ToList();
        foreach (var (where, document) in documents)
        {
            // Without it IAM reads the document as version 2008-10-17, where policy variables are plain text.
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
            if (Text(Child(document, "Version")) != "2012-10-17")
            {
                violations.Add($"{where}: the policy document has no Version \"2012-10-17\"");
            }
        }

        foreach (var statement in StatementsOf(documents))
        {
            CheckStatement(statement, violations);
        }

        foreach (var (id, resource) in Resources(template))
        {
            var type = Text(Child(resource, "Type"));
            var properties = Child(resource, "Properties") as YamlMappingNode;
            switch (type)
            {
                case "AWS::SNS::Topic" when properties is null || Child(properties, "KmsMasterKeyId") is null:
                    violations.Add($"{id}: the SNS topic is not encrypted (no KmsMasterKeyId)");
                    break;
                case "AWS::DynamoDB::Table" or "AWS::Serverless::SimpleTable" when !TableEncrypted(properties):
                    violations.Add($"{id}: the table is not encrypted at rest (SSESpecification.SSEEnabled is not true)");
                    break;
                case "AWS::SQS::Queue" when properties is null || (Child(properties, "KmsMasterKeyId") is null && Text(Child(properties, "SqsManagedSseEnabled")) != "true"):
                    violations.Add($"{id}: the queue is not encrypted");
                    break;
                case "AWS::KMS::Key" when properties is null || Text(Child(properties, "EnableKeyRotation")) != "true":
                    violations.Add($"{id}: the KMS key does not rotate (EnableKeyRotation is not true)");
                    break;
                case "AWS::S3::Bucket":
                    CheckBucket(template, id, properties, violations);
                    break;
                case "AWS::Serverless::Function" or "AWS::Lambda::Function":
                    CheckEnvironment(id, properties, violations);
                    break;
            }
        }

        return violations;
    }

    /// <summary>Every policy statement: function policies, roles, policies, key, topic, queue and bucket policies.</summary>
    public static IEnumerable<PolicyStatement> Statements(YamlMappingNode template) => StatementsOf(PolicyDocuments(template));

    private static IEnumerable<PolicyStatement> StatementsOf(IEnumerable<(string Where, YamlNode Document)> documents) =>
        documents.SelectMany(d => Items(Child(d.Document, "Statement")).OfType<YamlMappingNode>().Select(statement => new PolicyStatement(d.Where, statement)));

    /// <summary>Every policy document the template declares (a role's trust policy included), with where it is.</summary>
    public static IEnumerable<(string Where, YamlNode Document)> PolicyDocuments(YamlMappingNode template, List<string>? violations = null)
    {
        foreach (var (id, resource) in Resources(template))
        {
            var type = Text(Child(resource, "Type"));
            if (Child(resource, "Properties") is not YamlMappingNode properties)
            {
                continue;
            }

            IEnumerable<(string, YamlNode?)> documents = type switch
            {
                "AWS::Serverless::Function" => FunctionPolicies(id, properties, violations),
                "AWS::IAM::Role" => Items(Child(properties, "Policies")).Select(p => ($"{id} policy {Text(Child(p, "PolicyName"))}", Child(p, "PolicyDocument")))
                    .Append(($"{id} trust policy", Child(properties, "AssumeRolePolicyDocument"))),
                "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" or "AWS::SNS::TopicPolicy" or "AWS::SQS::QueuePolicy" or "AWS::S3::BucketPolicy" => [(id, Child(properties, "PolicyDocument"))],
                "AWS::KMS::Key" => [($"{id} key policy", Child(properties, "KeyPolicy"))],
                _ => [],
            };
            if (type == "AWS::IAM::Role")
            {
                foreach (var arn in Items(Child(properties, "ManagedPolicyArns")))
                {
                    CheckManagedPolicy($"{id} ManagedPolicyArns", arn, violations);
                }
            }

            foreach (var (where, document) in documents)
            {
                if (document is not null)
                {
                    yield return ($"{where} ({type})", document);
                }
            }
        }
    }

    /// <summary>Logical ids a node refers to: !Ref, !GetAtt, ${...} in !Sub, and their long forms.</summary>
    public static HashSet<string> References(YamlNode? node)
    {
        HashSet<string> found = new(StringComparer.Ordinal);
        Collect(node, found);
        return found;
    }

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Text(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>
    /// The items of a list, or the value itself when it is not one. A conditional value (<c>!If</c>, alone or as an item)
    /// stands for both of its alternatives, and <c>!Ref AWS::NoValue</c> for nothing, so a conditional statement,
    /// action or resource is checked whichever way the condition goes.
    /// </summary>
    public static IReadOnlyList<YamlNode> Items(YamlNode? node) => node switch
    {
        null => [],
        _ when IsConditional(node) => [.. Alternatives(node).SelectMany(Items)],
        YamlSequenceNode sequence => [.. sequence.Children.SelectMany(Alternatives)],
        _ => [node],
    };

    // !If [condition, value if true, value if false], short or long form.
    private static bool IsConditional(YamlNode node) =>
        (node is YamlSequenceNode && TagOf(node) == "!If") || (node is YamlMappingNode { Children.Count: 1 } && Child(node, "Fn::If") is not null);

    private static IEnumerable<YamlNode> Alternatives(YamlNode node)
    {
        if (IsConditional(node))
        {
            var branches = (YamlSequenceNode)(Child(node, "Fn::If") ?? node);
            return branches.Children.Skip(1).SelectMany(Alternatives);
        }

        var isNoValue = (TagOf(node) == "!Ref" && Text(node) == "AWS::NoValue") || Text(Child(node, "Ref")) == "AWS::NoValue";
        return isNoValue ? [] : [node];
    }

    public static IEnumerable<(string Id, YamlMappingNode Resource)> Resources(YamlMappingNode template) =>
        Child(template, "Resources") is YamlMappingNode resources
            ? resources.Children.Where(p => p.Value is YamlMappingNode).Select(p => (((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value))
            : [];

    private static IEnumerable<(string, YamlNode?)> FunctionPolicies(string id, YamlMappingNode properties, List<string>? violations)
    {
        foreach (var policy in Items(Child(properties, "Policies")))
        {
            if (policy is YamlScalarNode managed)
            {
                CheckManagedPolicy($"{id} Policies", managed, violations);
            }
            else if (Child(policy, "Statement") is not null)
            {
                yield return ($"{id} inline policy", policy);
            }
            else if (policy is YamlMappingNode template)
            {
                // A SAM policy template (DynamoDBCrudPolicy, SNSPublishMessagePolicy, ...): its parameters must name our resources.
                foreach (var (name, parameters) in template.Children)
                {
                    var values = parameters is YamlMappingNode map ? map.Children.Values.ToList() : [parameters];
                    if (values.Count == 0 || values.Any(v => References(v).Count == 0))
                    {
                        violations?.Add($"{id}: policy template {Text(name)} is not scoped to a resource of this template (use !Ref or !GetAtt)");
                    }
                }
            }
        }
    }

    private static void CheckManagedPolicy(string where, YamlNode node, List<string>? violations)
    {
        var name = Text(node) ?? string.Empty;
        if (BroadManagedPolicies.Any(broad => name.Contains(broad, StringComparison.Ordinal)))
        {
            violations?.Add($"{where}: managed policy {name} grants far more than the function needs");
        }
    }

    private static void CheckStatement(PolicyStatement statement, List<string> violations)
    {
        if (statement.Effect != "Allow")
        {
            return;
        }

        if (Child(statement.Node, "NotAction") is not null || Child(statement.Node, "NotResource") is not null)
        {
            violations.Add($"{statement.Where}: NotAction/NotResource allows everything not listed");
        }

        var actions = statement.Actions.Select(a => Text(a) ?? string.Empty).ToList();
        var isRootKeyAdmin = statement.Where.Contains("key policy", StringComparison.Ordinal) && IsAccountRoot(Child(Child(statement.Node, "Principal"), "AWS"));
        foreach (var action in actions.Where(a => a.Contains('*', StringComparison.Ordinal)))
        {
            // The standard first statement of a key policy gives the account (IAM) control of the key; without it the key is unmanageable.
            if (!(isRootKeyAdmin && action == "kms:*"))
            {
                violations.Add($"{statement.Where}: wildcard action {action}");
            }
        }

        foreach (var resource in statement.Resources)
        {
            var text = Text(resource);
            var tag = TagOf(resource);
            if (text == "*" && string.IsNullOrEmpty(tag) && !isRootKeyAdmin && !statement.Where.Contains("key policy", StringComparison.Ordinal)
                && !actions.All(StarOnlyActions.Contains))
            {
                violations.Add($"{statement.Where}: Resource \"*\" for {string.Join(", ", actions)}");
            }
            else if (text is not null && string.IsNullOrEmpty(tag) && UnscopedArn().IsMatch(text))
            {
                violations.Add($"{statement.Where}: resource {text} is not limited to this region and account");
            }
        }

        var principal = Child(statement.Node, "Principal");
        if ((Text(principal) == "*" || Text(Child(principal, "AWS")) == "*") && Child(statement.Node, "Condition") is null)
        {
            violations.Add($"{statement.Where}: anyone (Principal \"*\") is allowed {string.Join(", ", actions)} without a condition");
        }
    }

    // The CloudFormation short-form function (!Ref, !GetAtt, !Sub, ...) of a node, or null for plain and quoted values.
    private static string? TagOf(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;

    private static bool IsAccountRoot(YamlNode? principal) =>
        Items(principal).Any(p => Text(p) is { } text && (text.EndsWith(":root", StringComparison.Ordinal) || text == "${AWS::AccountId}"));

    private static bool TableEncrypted(YamlMappingNode? properties) =>
        properties is not null && Text(Child(Child(properties, "SSESpecification"), "SSEEnabled")) == "true";

    private static void CheckEnvironment(string id, YamlMappingNode? properties, List<string> violations)
    {
        if (Child(Child(properties, "Environment"), "Variables") is not YamlMappingNode variables)
        {
            return;
        }

        foreach (var (name, value) in variables.Children)
        {
            var key = Text(name) ?? string.Empty;
            if (key.Contains("SECRET", StringComparison.OrdinalIgnoreCase) || key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
                || key is "AWS_ACCESS_KEY_ID" or "AWS_SESSION_TOKEN" || AccessKey().IsMatch(Text(value) ?? string.Empty))
            {
                violations.Add($"{id}: environment variable {key} holds a credential; use the execution role or Secrets Manager");
            }
        }
    }

    private static void Collect(YamlNode? node, HashSet<string> found)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.Value ?? string.Empty;
                switch (TagOf(scalar))
                {
                    case "!Ref":
                        found.Add(value);
                        break;
                    case "!GetAtt":
                        found.Add(value.Split('.')[0]);
                        break;
                    case "!Sub":
                        foreach (Match match in SubReference().Matches(value))
                        {
                            if (!match.Groups[1].Value.StartsWith("AWS::", StringComparison.Ordinal))
                            {
                                found.Add(match.Groups[1].Value.Split('.')[0]);
                            }
                        }

                        break;
                }

                break;
            case YamlSequenceNode sequence:
                if (TagOf(sequence) == "!GetAtt" && sequence.Children.FirstOrDefault() is YamlScalarNode first)
                {
                    found.Add(first.Value!);
                }

                foreach (var child in sequence.Children)
                {
                    Collect(child, found);
                }

                break;
            case YamlMappingNode mapping:
                if (Text(Child(mapping, "Ref")) is { } reference)
                {
                    found.Add(reference);
                }

                if (Child(mapping, "Fn::GetAtt") is { } getAtt)
                {
                    found.Add((Text(Items(getAtt).FirstOrDefault()) ?? string.Empty).Split('.')[0]);
                }

                foreach (var child in mapping.Children.Values)
                {
                    Collect(child, found);
                }

                break;
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:.]+)\}")]
    private static partial Regex SubReference();

    // arn:partition:service:region:account:... with a wildcard region or account.
    [GeneratedRegex(@"^arn:[^:]*:[^:]+:([^:]*\*[^:]*:[^:]*|[^:]*:[^:]*\*[^:]*):")]
    private static partial Regex UnscopedArn();

    [GeneratedRegex(@"\b(AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AccessKey();
}
