namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// Reads settings by their <see cref="SettingDefinition"/> and collects every problem, each naming its variable, so one
/// start reports them all. A bad value reads as its default; <see cref="ThrowIfInvalid"/> then refuses the lot.
/// </summary>
/// <param name="variables">The environment (name to value).</param>
/// <param name="overrides">Values given another way (CLI flags), which win over the environment when not blank.</param>
public sealed class SettingsReader(IReadOnlyDictionary<string, string?> variables, IReadOnlyDictionary<string, string?>? overrides = null)
{
    private readonly List<string> errors = [];

    /// <summary>Every problem found so far.</summary>
    public IReadOnlyList<string> Errors => errors;

    /// <summary>The value, or null when it is not set; a value of the wrong form is an error, and so is a missing one when <paramref name="required"/>.</summary>
    public string? Text(TextSetting setting, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var value = Raw(setting);
        if (value is null)
        {
            if (required)
            {
                errors.Add($"{setting.Variable} is not set{(setting.RequiredHint is { } hint ? ": " + hint : ".")}");
            }

            return null;
        }

        if (!setting.Accepts(value))
        {
            errors.Add($"{setting.Variable} '{value}' is not {setting.Form}.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// Records one error naming every one of <paramref name="settings"/> when none is set (a value of the wrong form
    /// counts as set: its own error says what is wrong with it).
    /// </summary>
    public void RequireOneOf(IReadOnlyList<TextSetting> settings, string why)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.All(setting => Raw(setting) is null))
        {
            var names = settings.Select(setting => setting.Variable).ToList();
            errors.Add((names.Count == 2 ? $"Neither {names[0]} nor {names[1]}" : $"None of {string.Join(", ", names)}") + $" is set: {why}");
        }
    }

    /// <summary>Records problems found across settings (each naming its variables), such as a topic of another Region than AWS_REGION.</summary>
    internal void Add(IEnumerable<string> problems) => errors.AddRange(problems);

    /// <summary>The distinct non-blank items, in order; each item of the wrong form is an error.</summary>
    public IReadOnlyList<string> List(ListSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var items = (Raw(setting.Variable) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var item in items.Where(item => !setting.AcceptsItem(item)))
        {
            errors.Add($"{setting.Variable} holds '{item}', which is not {setting.ItemForm}.");
        }

        return items;
    }

    /// <summary>A whole-number setting's value, or its default.</summary>
    public int Integer(NumberSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.WholeNumber
            ? (int)Read(setting, "a whole number", text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null)
            : throw new ArgumentException($"{setting.Variable} is not a whole-number setting.", nameof(setting));
    }

    /// <summary>A number setting's value, or its default.</summary>
    public double Number(NumberSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.WholeNumber
            ? Integer(setting)
            : Read(setting, "a number", text => double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null);
    }

    /// <summary>An optional whole-number setting's value, or null when it is not set (off); a bad value is an error and reads as off.</summary>
    public int? OptionalInteger(OptionalNumberSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var text = Raw(setting.Variable);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && setting.Allows(value))
        {
            return value;
        }

        errors.Add($"{setting.Variable} '{text}' must be a whole number from {setting.Range}, or unset to turn it off.");
        return null;
    }

    /// <summary>The chosen name as the setting spells it, or its default; any other value is an error.</summary>
    public string Choice(ChoiceSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var text = Raw(setting.Variable);
        if (text is null)
        {
            return setting.Default;
        }

        if (setting.Choices.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) is { } chosen)
        {
            return chosen;
        }

        errors.Add($"{setting.Variable} '{text}' must be one of {string.Join(", ", setting.Choices)} (default {setting.Default}).");
        return setting.Default;
    }

    /// <summary>A log level setting's value (names only: a number or a comma list, which Enum.Parse would take, is an error).</summary>
    public LogLevel LogLevel(ChoiceSetting setting) => Enum.Parse<LogLevel>(Choice(setting));

    /// <summary>Throws when any value read so far was missing or invalid.</summary>
    /// <exception cref="SettingsException">Lists every problem.</exception>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw new SettingsException([.. errors]);
        }
    }

    private double Read(NumberSetting setting, string kind, Func<string, double?> parse)
    {
        var text = Raw(setting.Variable);
        if (text is null)
        {
            return setting.Default;
        }

        if (parse(text) is { } value && setting.Allows(value))
        {
            return value;
        }

        errors.Add($"{setting.Variable} '{text}' must be {kind} from {setting.Range} (default {setting.DefaultText}).");
        return setting.Default;
    }

    // A text setting's value, or its fallback variable's when it is not set.
    private string? Raw(TextSetting setting) => Raw(setting.Variable) ?? (setting.FallbackVariable is { } fallback ? Raw(fallback) : null);

    private string? Raw(string name)
    {
        var value = overrides is not null && overrides.TryGetValue(name, out var given) && !string.IsNullOrWhiteSpace(given)
            ? given
            : variables.TryGetValue(name, out var set) ? set : null;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
