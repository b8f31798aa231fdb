using System.Text;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

/// <summary>
/// The options of the commands. A flag that sets a configuration variable falls back to it, and its help comes from the
/// variable's declaration. An option with a default leaves it to the help to show (<c>[default: 10]</c>), so that it is
/// not shown twice.
/// </summary>
internal static class CliOptions
{
    public static readonly Option<string?> Table = new("--table")
    {
        Description = $"{FlagHelp(SettingDefinitions.TableName)} Not used with --state.",
    };

    public static readonly Option<string?> TopicArn = new("--topic-arn")
    {
        Description = $"{FlagHelp(SettingDefinitions.TopicArn)} Without a topic or a bus, notifications are written to --out.",
    };

    public static readonly Option<string?> EventBus = new("--event-bus")
    {
        Description = $"{FlagHelp(SettingDefinitions.EventBusName)} Without a topic or a bus, notifications are written to --out.",
    };

    public static readonly Option<string?> Region = new("--region")
    {
        Description = FlagHelp(SettingDefinitions.Region),
    };

    public static readonly Option<string?> Profile = new("--profile")
    {
        Description = "Named AWS profile, as in the AWS CLI: its credentials even over keys in the environment, its region after --region, $AWS_REGION and $AWS_DEFAULT_REGION (default: $AWS_PROFILE, then the SDK's default chain).",
    };

    public static readonly Option<string?> State = new("--state")
    {
        Description = "Use the embedded state store in this file instead of DynamoDB (track, poll and watch create it when missing; safe for several processes).",
    };

    public static readonly Option<string?> Out = new("--out")
    {
        Description = "Folder for notifications when no SNS topic or event bus is set: email text, Slack JSON, the machine event and the EventBridge entry of each (default: ./notifications; with a DynamoDB table, only when given, since the function polling the table would not send what the folder gets; for demo, a new folder under the temp folder).",
    };

    /// <summary>
    /// Where tasks are stored and notifications go: on the root (<c>neptune-notifier --profile prod list</c>) and on every
    /// command but <c>demo</c>, which has an emulator and a store of its own and takes only <see cref="State"/> and
    /// <see cref="Out"/>.
    /// </summary>
    public static readonly IReadOnlyList<Option> Backend = [Table, TopicArn, EventBus, Region, Profile, State, Out];

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of a table.",
    };

    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Read and detect changes, but publish nothing and write nothing: print a line for each notification it would send.",
    };

    public static readonly Option<TimeSpan> Interval = new("--interval")
    {
        Description = "Time between cycles, from 1s to 24h: for example 30s, 5m or 00:01:00.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        CustomParser = result => ParseDuration(result, "30s"),
    };

    public static readonly Argument<string[]> TaskIds = new("taskId")
    {
        Description = $"Export or import task identifiers ({Core.TaskIds.TaskIdRule}).",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>"The DynamoDB table of tracked tasks (default: $TABLE_NAME)." from the declaration.</summary>
    internal static string FlagHelp(TextSetting setting)
    {
        var fallback = setting.FallbackVariable is null ? string.Empty : $", then ${setting.FallbackVariable}";
        return $"{char.ToUpperInvariant(setting.Description[0])}{setting.Description[1..]} (default: ${setting.Variable}{fallback}).";
    }

    /// <summary>A duration as the options take it: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>1.5s</c>.</summary>
    internal static string Duration(TimeSpan value)
    {
        var text = new StringBuilder();
        if (value.Hours + (value.Days * 24) is > 0 and var hours)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (value.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        return seconds > 0 || text.Length == 0 ? text.Append(CultureInfo.InvariantCulture, $"{seconds:0.###}s").ToString() : text.ToString();
    }

    /// <summary>A duration option's value (<paramref name="fallback"/> when not given); an error naming the option when it is no duration from 1s to 24h.</summary>
    internal static TimeSpan ParseDuration(System.CommandLine.Parsing.ArgumentResult result, string fallback)
    {
        var text = result.Tokens.Count == 0 ? fallback : result.Tokens[0].Value;
        var value = text.Trim();
        TimeSpan parsed;
        var ok = value.Length > 1 && char.IsAsciiLetter(value[^1]) && double.TryParse(value.AsSpan(0, value.Length - 1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? TryUnit(value[^1], number, out parsed)
            : TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out parsed);
        if (!ok || parsed < TimeSpan.FromSeconds(1) || parsed > TimeSpan.FromDays(1))
        {
            var option = result.Parent is System.CommandLine.Parsing.OptionResult parent ? parent.Option.Name : result.Argument.Name;
            result.AddError($"{option} '{text}' must be a duration from 1s to 24h, such as 30s, 5m or 00:01:00.");
            return TimeSpan.Zero;
        }

        return parsed;
    }

    private static bool TryUnit(char unit, double number, out TimeSpan value)
    {
        if (double.IsNaN(number) || number > 1e6)
        {
            value = TimeSpan.MinValue;
            return false;
        }

        value = unit switch
        {
            's' => TimeSpan.FromSeconds(number),
            'm' => TimeSpan.FromMinutes(number),
            'h' => TimeSpan.FromHours(number),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }
}
