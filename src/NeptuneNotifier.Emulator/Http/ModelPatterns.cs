using System.Text.RegularExpressions;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>
/// Patterns from the API model, each constant named after its shape (<c>{Shape}Text</c>) and equal to the pattern of
/// the model botocore ships (the integration tests' <c>ModelPatternsTests</c> compares them). The model's patterns are
/// unanchored; the service checks whole values, so these are anchored, and <c>\z</c> keeps a trailing newline from
/// matching.
/// </summary>
internal static partial class ModelPatterns
{
    public const string GraphIdText = "g-[a-z0-9]{10}";
    public const string TaskIdText = "t-[a-z0-9]{10}";
    public const string RoleArnText = "arn:aws[^:]*:iam::\\d{12}:(role|role/service-role)(/[\\w+=,.@-]+)+";
    public const string KmsKeyArnText = "arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key/[a-zA-Z0-9-]{36}";
    public const string TagKeyText = "(?!aws:)[a-zA-Z+-=._:/]+";
    public const string ExportFilterOutputPropertyNameText = "[a-zA-Z0-9_]+";
    public const string ExportFilterOutputDataTypeText = "(Any|Byte|Short|Int|Long|Float|Double|String|Bool|Boolean|Float\\[\\]|Double\\[\\])";

    [GeneratedRegex("^" + GraphIdText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex GraphId();

    [GeneratedRegex("^" + TaskIdText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TaskId();

    [GeneratedRegex("^" + RoleArnText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex RoleArn();

    [GeneratedRegex("^" + KmsKeyArnText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex KmsKeyArn();

    [GeneratedRegex("^" + TagKeyText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TagKey();

    [GeneratedRegex("^" + ExportFilterOutputPropertyNameText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ExportFilterOutputPropertyName();

    [GeneratedRegex("^" + ExportFilterOutputDataTypeText + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ExportFilterOutputDataType();
}
