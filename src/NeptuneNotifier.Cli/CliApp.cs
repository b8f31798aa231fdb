using System.CommandLine.Help;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Cli.Commands;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

/// <summary>
/// The command tree and the one place that turns outcomes into exit codes: 0 success, 1 failure, 2 bad usage or input
/// (and, from <see cref="Program"/>, 141 when the reader of standard output has gone).
/// </summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>The reader of standard output has gone: 128 + SIGPIPE, as a shell reports a Unix tool that wrote into such a pipe.</summary>
    public const int ReaderGone = 141;

    /// <summary>
    /// What the first Ctrl+C or SIGTERM in <c>watch</c> or <c>demo</c> says at once, naming the signal: the cycle it lets
    /// finish may take a while.
    /// </summary>
    public static string Stopping(string signal) => $"Stopping after this cycle ({signal} again to stop now).";

    /// <summary>The root help: what the tool is, then every configuration variable it reads with its range and default.</summary>
    internal static string Description { get; } = string.Join(
        Environment.NewLine,
        [
            "neptune-notifier: notifications for Amazon Neptune Analytics export and import tasks.",
            "Configuration comes from the Lambda function's environment variables (the log level has its own) and the flags below:",
            .. SettingDefinitions.ReadBy(SettingReaders.Cli).Select(setting => $"  {setting.Variable}: {setting.Help}"),
            "  AWS_PROFILE, credentials, AWS_ENDPOINT_URL_*: as the AWS SDKs define them",
        ]);

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(Description)
        {
            TrackCommands.Track(context),
            TrackCommands.Untrack(context),
            ListCommand.Create(context),
            PollCommands.Poll(context),
            PollCommands.Watch(context),
            DemoCommand.Create(context),
        };

        // The backend options go on the root, for `neptune-notifier --profile prod list` as in the AWS CLI, and on every
        // command but demo, which takes only the ones it uses.
        foreach (var command in root.Subcommands.Where(command => command.Name != DemoCommand.Name).Prepend(root))
        {
            foreach (var option in CliOptions.Backend)
            {
                command.Options.Add(option);
            }
        }

        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var parse = Build(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}");
            }

            foreach (var suggestion in Suggestions.For(parse))
            {
                await context.Error.WriteLineAsync(suggestion);
            }

            await context.Error.WriteLineAsync("Run 'neptune-notifier --help' for usage.");
            return Usage;
        }

        // Program read the log level before the command line, for the logger, and took the default on a bad value: it is
        // reported here, so that help and the version, which need no configuration, still answer.
        var logLevel = new SettingsReader(context.Environment);
        logLevel.LogLevel(SettingDefinitions.CliLogLevel);
        if (logLevel.Errors.Count > 0 && !OnlyInforms(parse))
        {
            await context.Error.WriteLineAsync($"error: {new SettingsException(logLevel.Errors).Message}");
            return Usage;
        }

        // Ctrl+C is ours: watch finishes its current cycle instead of being torn down.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = context.Console.Profile.Out.Writer, Error = context.Error }, cancellationToken);
    }

    /// <summary>Gives <paramref name="command"/> its body, run through <see cref="RunAsync"/> so that every command ends alike.</summary>
    public static Command WithBody(Command command, CliContext context, CommandBody body)
    {
        command.SetAction((parse, cancellationToken) => RunAsync(context, () => body(parse, context, cancellationToken), ProfileName(parse, context)));
        return command;
    }

    /// <summary>
    /// Gives <paramref name="command"/>, one that runs until it is stopped (<c>watch</c>, <c>demo</c>), its body: the
    /// body's token is cancelled at the first Ctrl+C or SIGTERM, which says so on standard error (<see cref="Stopping"/>),
    /// or when the reader of standard output has gone, after which the command says nothing more on standard error.
    /// Other commands run to their end when their reader goes: a poll cut short would leave the notifications it claimed
    /// pending until their lease ends.
    /// </summary>
    public static Command WithStoppableBody(Command command, CliContext context, CommandBody body)
    {
        var silenced = context with { Error = new SilencedWriter(context.Error, context.ReaderGone) };
        command.SetAction(async (parse, interrupt) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt, context.ReaderGone);
            await using var said = interrupt.Register(() => silenced.Error.WriteLine(Stopping(context.HeardSignal())));
            return await RunAsync(silenced, () => body(parse, silenced, stop.Token), ProfileName(parse, context));
        });
        return command;
    }

    /// <summary>
    /// Runs a command body and maps what it throws to a message and an exit code, never a stack trace; missing or expired
    /// credentials get what to run (<see cref="CredentialHint"/>), for <paramref name="profile"/>.
    /// </summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body, string profile = "default")
    {
        try
        {
            return await body();
        }
        catch (Exception exception) when (CredentialHint.For(exception, profile) is { } hint)
        {
            await context.Error.WriteLineAsync(hint);
            return Failure;
        }
        catch (Exception exception) when (Outcome(exception) is { } outcome)
        {
            await context.Error.WriteLineAsync(outcome.Message);
            return outcome.ExitCode;
        }
    }

    private static string ProfileName(ParseResult parse, CliContext context) =>
        AwsProfile.Name(parse.GetValue(CliOptions.Profile) is { Length: > 0 } flag ? flag : null, context.Environment);

    /// <summary>True when the command line asks for help or the version, which run no command.</summary>
    private static bool OnlyInforms(ParseResult parse) =>
        parse.Action is HelpAction || parse.RootCommandResult.Command.Options.OfType<VersionOption>().Any(option => parse.GetResult(option) is not null);

    /// <summary>The line and exit code for a failure a command may meet; null for anything else, a bug, which keeps its stack trace.</summary>
    private static (string Message, int ExitCode)? Outcome(Exception exception) => exception switch
    {
        CliUsageException or SettingsException => ($"error: {exception.Message}", Usage),
        StateTableException => ($"error: {exception.Message} (--table, or --state <file> for the embedded store).", Failure),
        AmazonServiceException service => ($"error: AWS answered {service.ErrorCode ?? service.GetType().Name} ({(int)service.StatusCode}): {service.Message}", Failure),
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound } } => (
            $"error: {exception.Message}: no such host. Check --region ({SettingDefinitions.Region.Variable}): not every service is in every Region (Neptune Analytics: https://docs.aws.amazon.com/neptune-analytics/latest/userguide/analytics-limits.html), and any AWS_ENDPOINT_URL_* override.",
            Failure),
        CliFailureException or AmazonClientException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidDataException
            or TimeoutException or SqliteException or UnprocessedKeysException => ($"error: {exception.Message}", Failure),
        OperationCanceledException => ("Stopped.", Failure),
        _ => null,
    };
}

/// <summary>The body of a subcommand: its exit code, from the parsed command line.</summary>
internal delegate Task<int> CommandBody(ParseResult parse, CliContext context, CancellationToken cancellationToken);
