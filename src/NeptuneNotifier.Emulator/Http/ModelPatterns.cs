using System.Text.RegularExpressions;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>
/// Patterns from the API model, each constant named after its shape (<c>{Shape}Text</c>) and equal to the pattern of
/// the model botocore ships (the integration tests' <c>ModelPatternsTests</c> compares them). The model's patterns are
/// unanchored; the service checks whole values, so these are anchored, and <c>\z</c> keeps a trailing newline from
/// matching. Smithy patterns are ECMA-262 regular expressions
/// (https://smithy.io/2.0/spec/constraint-traits.html#pattern-trait), where <c>\d</c> is <c>[0-9]</c> and <c>\w</c>
/// is <c>[A-Za-z0-9_]</c>; .NET's own <c>\d</c> and <c>\w</c> take every Unicode digit and letter, so these are read
/// with <see cref="RegexOptions.ECMAScript"/>.
/// </summary>
internal static partial class ModelPatterns
{
    private const RegexOptions Ecma262 = RegexOptions.ECMAScript | RegexOptions.CultureInvariant;

    public const string GraphIdText = "g-[a-z0-9]{10}";
    public const string GraphNameText = "(?!g-)[a-z][a-z0-9]*(-[a-z0-9]+)*";
    public const string TaskIdText = "t-[a-z0-9]{10}";
    public const string RoleArnText = "arn:aws[^:]*:iam::\\d{12}:(role|role/service-role)(/[\\w+=,.@-]+)+";
    public const string KmsKeyArnText = "arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key/[a-zA-Z0-9-]{36}";
    public const string TagKeyText = "(?!aws:)[a-zA-Z+-=._:/]+";
    public const string ExportFilterOutputPropertyNameText = "[a-zA-Z0-9_]+";
    public const string ExportFilterOutputDataTypeText = "(Any|Byte|Short|Int|Long|Float|Double|String|Bool|Boolean|Float\\[\\]|Double\\[\\])";

    [GeneratedRegex("^" + GraphIdText + "\\z", Ecma262)]
    public static partial Regex GraphId();

    [GeneratedRegex("^" + GraphNameText + "\\z", Ecma262)]
    public static partial Regex GraphName();

    [GeneratedRegex("^" + TaskIdText + "\\z", Ecma262)]
    public static partial Regex TaskId();

    [GeneratedRegex("^" + RoleArnText + "\\z", Ecma262)]
    public static partial Regex RoleArn();

    [GeneratedRegex("^" + KmsKeyArnText + "\\z", Ecma262)]
    public static partial Regex KmsKeyArn();

    [GeneratedRegex("^" + TagKeyText + "\\z", Ecma262)]
    public static partial Regex TagKey();

    [GeneratedRegex("^" + ExportFilterOutputPropertyNameText + "\\z", Ecma262)]
    public static partial Regex ExportFilterOutputPropertyName();

    [GeneratedRegex("^" + ExportFilterOutputDataTypeText + "\\z", Ecma262)]
    public static partial Regex ExportFilterOutputDataType();
}
