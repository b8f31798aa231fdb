using System.CommandLine;
using Amazon.Runtime;
using NeptuneNotifier.Cli.Commands;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

/// <summary>The command tree and the one place that turns outcomes into exit codes: 0 success, 1 failure, 2 bad usage or input.</summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>The root help: what the tool is, then every configuration variable it reads with its range and default.</summary>
    internal static string Description { get; } = string.Join(
        Environment.NewLine,
        [
            "neptune-notifier: notifications for Amazon Neptune Analytics export tasks.",
            "Configuration comes from the Lambda function's environment variables (the log level has its own) and the flags below:",
            .. SettingDefinitions.ReadBy(SettingReaders.Cli).Select(setting => $"  {setting.Variable}: {setting.Help}"),
            "  AWS_PROFILE, credentials, AWS_ENDPOINT_URL_*: as the AWS SDKs define them",
        ]);

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(Description)
        {
            CliOptions.Table,
            CliOptions.TopicArn,
            CliOptions.Region,
            CliOptions.Profile,
            CliOptions.State,
            CliOptions.Out,
        };
        root.Subcommands.Add(TrackCommands.Track(context));
        root.Subcommands.Add(TrackCommands.Untrack(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(PollCommands.Poll(context));
        root.Subcommands.Add(PollCommands.Watch(context));
        root.Subcommands.Add(DemoCommand.Create(context));
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

            await context.Error.WriteLineAsync("Run 'neptune-notifier --help' for usage.");
            return Usage;
        }

        // Ctrl+C is ours: watch finishes its current cycle instead of being torn down.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = context.Console.Profile.Out.Writer, Error = context.Error }, cancellationToken);
    }

    /// <summary>Runs a command body and maps what it throws to a message and an exit code, never a stack trace.</summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliUsageException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return Usage;
        }
        catch (SettingsException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return Usage;
        }
        catch (CliFailureException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return Failure;
        }
        catch (NeptuneNotifier.Aws.DynamoDb.StateTableException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message} (--table, or --state <file> for the embedded store).");
            return Failure;
        }
        catch (AmazonServiceException exception)
        {
            await context.Error.WriteLineAsync($"error: AWS answered {exception.ErrorCode ?? exception.GetType().Name} ({(int)exception.StatusCode}): {exception.Message}");
            return Failure;
        }
        catch (AmazonClientException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return Failure;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidDataException or TimeoutException or Microsoft.Data.Sqlite.SqliteException)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("Stopped.");
            return Failure;
        }
    }
}
