using Microsoft.Extensions.Logging;

namespace NeptuneNotifier.Cli;

/// <summary>
/// What a command runs with: the process's environment, console and clock, and a token cancelled when standard output
/// is a pipe whose reader has gone (<c>| head -3</c> has read its lines). Tests give their own.
/// </summary>
internal sealed record CliContext(
    IReadOnlyDictionary<string, string?> Environment,
    IAnsiConsole Console,
    TextWriter Error,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory,
    CancellationToken ReaderGone = default)
{
    /// <summary>The signal that asked the process to stop, as the operator would name it (Ctrl+C, SIGTERM), for <see cref="CliApp.Stopping"/>.</summary>
    public Func<string> HeardSignal { get; init; } = () => "Ctrl+C";
}

/// <summary>Bad usage or input: exit code 2, with the message and no stack trace.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>A failure the operator can act on (a missing table, a task that does not exist): exit code 1, with the message.</summary>
internal sealed class CliFailureException(string message, Exception? inner = null) : Exception(message, inner);
