using NeptuneNotifier.Cli;
using NeptuneNotifier.Cli.Commands;
using NeptuneNotifier.Core.Settings;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

public sealed class CliHelpTests
{
    [Fact]
    public void RootDescription_EveryCliSetting_ShownWithItsRangeAndDefault()
    {
        foreach (var setting in SettingDefinitions.ReadBy(SettingReaders.Cli))
        {
            CliApp.Description.ShouldContain($"{setting.Variable}: {setting.Help}", Case.Sensitive);
        }

        CliApp.Description.ShouldContain("MAX_CONCURRENCY: GetExportTask and GetImportTask calls in flight at once, 1 to 64 (default 4)", Case.Sensitive);
        CliApp.Description.ShouldNotContain("  LOG_LEVEL: ", Case.Sensitive, "LOG_LEVEL is the function's; the CLI reads NEPTUNE_NOTIFIER_LOG_LEVEL");
    }

    [Fact]
    public void FlagDescriptions_SettingFlags_NameTheirVariable()
    {
        CliOptions.Table.Description.ShouldBe("The DynamoDB table of tracked tasks (default: $TABLE_NAME). Not used with --state.");
        CliOptions.TopicArn.Description.ShouldStartWith("The SNS topic notifications go to (default: $TOPIC_ARN).");
        CliOptions.Region.Description.ShouldBe("The AWS Region (default: $AWS_REGION, then $AWS_DEFAULT_REGION).");
    }

    // A duration is shown as the options take it, not as a TimeSpan (00:00:30).
    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(86_400_000, "24h")]
    [InlineData(3_661_000, "1h1m1s")]
    public void Duration_OptionValues_ReadAsTheyAreWritten(long milliseconds, string expected) =>
        CliOptions.Duration(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);

    // track and untrack take imports as well as exports; demo's folder is its own.
    [Fact]
    public void Descriptions_TaskIdsAndOut_SayWhatTheCommandsDo()
    {
        CliOptions.TaskIds.Description.ShouldNotBeNull().ShouldStartWith("Export or import task identifiers (");
        CliOptions.Out.Description.ShouldNotBeNull().ShouldContain("for demo, a new folder under the temp folder");
    }

    // System.CommandLine's help shows an option's default itself ([default: 10]), a flag's excepted; a description that
    // says it too shows it twice.
    [Fact]
    public void OptionDescriptions_OptionWithADefault_LeaveItToTheHelp()
    {
        var root = CliApp.Build(Context());
        var withDefaults = root.Subcommands.SelectMany(command => command.Options).Where(option => option.HasDefaultValue && option.ValueType != typeof(bool)).Distinct().ToList();

        withDefaults.Select(option => option.Name).ShouldBe(["--interval", "--speed"], ignoreOrder: true);
        withDefaults.ShouldAllBe(option => !option.Description!.Contains("default", StringComparison.OrdinalIgnoreCase));
    }

    // The demo's emulated minutes take longer at a slower --speed: at 1 it needs about 2.5 minutes, more than the 2 it
    // was given before.
    [Fact]
    public void DefaultTimeout_Speed_GrowsWithTheDemosLength()
    {
        double[] speeds = [1000, 10, 5, 1, 0.1];

        speeds.Select(speed => CliOptions.Duration(DemoCommand.DefaultTimeout(speed))).ShouldBe(["2m", "2m", "4m", "20m", "3h20m"]);
    }

    // demo has its own emulator and store: its help lists only the options it uses.
    [Fact]
    public void Build_Options_EachCommandListsWhatItUses()
    {
        var root = CliApp.Build(Context());
        var backend = CliOptions.Backend.Select(option => option.Name).ToList();

        foreach (var command in root.Subcommands.Where(command => command.Name != "demo").Prepend(root))
        {
            backend.Except(command.Options.Select(option => option.Name)).ShouldBeEmpty(command.Name);
        }

        root.Subcommands.Single(command => command.Name == "demo").Options.Select(option => option.Name)
            .ShouldBe(["--speed", "--timeout", "--state", "--out"]);
    }

    private static CliContext Context() => new(
        new Dictionary<string, string?>(),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }),
        new StringWriter(),
        new FakeTimeProvider(),
        NullLoggerFactory.Instance);
}
