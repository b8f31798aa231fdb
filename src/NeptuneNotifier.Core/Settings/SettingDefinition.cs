namespace NeptuneNotifier.Core.Settings;

/// <summary>Which program reads a setting.</summary>
[Flags]
public enum SettingReaders
{
    /// <summary>The Lambda function.</summary>
    Function = 1,

    /// <summary>The <c>neptune-notifier</c> CLI.</summary>
    Cli = 2,

    /// <summary>Both.</summary>
    Both = Function | Cli,
}

/// <summary>
/// One configuration variable, declared once: the parser, the poll cycle's option checks, the CLI's help, the README's
/// table and the template's parameters all follow from it (the last two through tests).
/// </summary>
/// <param name="Variable">The environment variable.</param>
/// <param name="Description">What it sets, as a lowercase phrase (the README's table starts its meaning with it).</param>
/// <param name="ReadBy">Which programs read it.</param>
public abstract record SettingDefinition(string Variable, string Description, SettingReaders ReadBy)
{
    /// <summary>The default as it would be written in the variable; null when there is none.</summary>
    public abstract string? DefaultText { get; }

    /// <summary>The description with what the value may be and its default, for help text.</summary>
    public abstract string Help { get; }

    /// <summary>Formats a number as a variable holds it (invariant culture, shortest form).</summary>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A number within a range, whole or not.</summary>
public sealed record NumberSetting(string Variable, string Description, SettingReaders ReadBy, double Default, double Minimum, double Maximum, bool WholeNumber)
    : SettingDefinition(Variable, Description, ReadBy)
{
    /// <summary>The range in words, <c>1 to 64</c>.</summary>
    public string Range => $"{Format(Minimum)} to {Format(Maximum)}";

    /// <summary><see cref="Default"/> for a whole-number setting.</summary>
    public int DefaultInteger => WholeNumber ? (int)Default : throw new InvalidOperationException($"{Variable} is not a whole number.");

    public override string DefaultText => Format(Default);

    public override string Help => $"{Description}, {Range} (default {DefaultText})";

    /// <summary>True when <paramref name="value"/> is within the range (NaN is not). Whether it must be whole is the parser's concern.</summary>
    public bool Allows(double value) => value >= Minimum && value <= Maximum;

    /// <summary>
    /// For a whole-number setting, the template parameter's AllowedPattern: exactly the whole numbers of the range (a
    /// <c>Number</c> parameter would take <c>2.5</c>, which the function then refuses at every start).
    /// </summary>
    public string ParameterPattern => WholeNumber
        ? $"^({IntegerRangePattern.For((int)Minimum, (int)Maximum)})$"
        : throw new InvalidOperationException($"{Variable} is not a whole number: its parameter is a Number with MinValue and MaxValue.");
}

/// <summary>
/// A whole number within a range that turns a feature on; unset (or empty) turns it off. A CloudFormation Number
/// parameter cannot be empty, so the template takes it as a String whose <see cref="ParameterPattern"/> allows empty
/// and exactly the whole numbers of the range.
/// </summary>
public sealed record OptionalNumberSetting(string Variable, string Description, SettingReaders ReadBy, int Minimum, int Maximum)
    : SettingDefinition(Variable, Description, ReadBy)
{
    /// <summary>The range in words, <c>1 to 10080</c>.</summary>
    public string Range => $"{Minimum} to {Maximum}";

    /// <summary>The template parameter's AllowedPattern: empty, or a whole number of the range.</summary>
    public string ParameterPattern => $"^$|^({IntegerRangePattern.For(Minimum, Maximum)})$";

    public override string? DefaultText => null;

    public override string Help => $"{Description}, {Range} (default off)";

    /// <summary>True when <paramref name="value"/> is within the range.</summary>
    public bool Allows(double value) => value >= Minimum && value <= Maximum;
}

/// <summary>One of a fixed list of names, matched without regard to case.</summary>
public sealed record ChoiceSetting(string Variable, string Description, SettingReaders ReadBy, string Default, IReadOnlyList<string> Choices)
    : SettingDefinition(Variable, Description, ReadBy)
{
    public override string DefaultText => Default;

    public override string Help => $"{Description}: {string.Join(", ", Choices)} (default {Default})";
}

/// <summary>
/// A single value of a given form, such as a table name or an ARN: <c>Accepts</c> tells whether a (trimmed, non-empty)
/// value has the form, <c>Form</c> says it in words, completing "'value' is not ...".
/// </summary>
public sealed record TextSetting(string Variable, string Description, SettingReaders ReadBy, Func<string, bool> Accepts, string Form)
    : SettingDefinition(Variable, Description, ReadBy)
{
    /// <summary>When the function cannot run without it: what to say when it is missing (after "VARIABLE is not set").</summary>
    public string? RequiredHint { get; init; }

    /// <summary>A second variable read when this one is not set.</summary>
    public string? FallbackVariable { get; init; }

    public override string? DefaultText => null;

    public override string Help => FallbackVariable is null ? Description : $"{Description} (when unset: {FallbackVariable})";
}

/// <summary>
/// A comma-separated list; blanks and repeats are dropped. <c>AcceptsItem</c> tells whether one (trimmed) item has the
/// form, <c>ItemForm</c> says it in words (completing "'item', which is not ..."), <c>ItemPattern</c> is it as an
/// unanchored regular expression (the template's AllowedPattern is built from it).
/// </summary>
public sealed record ListSetting(string Variable, string Description, SettingReaders ReadBy, Func<string, bool> AcceptsItem, string ItemForm, string ItemPattern)
    : SettingDefinition(Variable, Description, ReadBy)
{
    public override string DefaultText => string.Empty;

    public override string Help => $"{Description} (default none)";
}
