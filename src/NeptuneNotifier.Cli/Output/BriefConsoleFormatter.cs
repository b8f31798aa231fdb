using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// The CLI's log lines on standard error: one line each, the exception as its type and message. A task that fails
/// every cycle of a <c>watch</c> (expired credentials, a denied call) would otherwise print its stack trace each time;
/// when the CLI logs at <c>Debug</c> or <c>Trace</c>, the whole exception follows, for a bug report.
/// </summary>
/// <param name="timeProvider">The clock of the line's time.</param>
/// <param name="minimumLevel">The level the CLI logs at (NEPTUNE_NOTIFIER_LOG_LEVEL).</param>
internal sealed class BriefConsoleFormatter(TimeProvider timeProvider, LogLevel minimumLevel) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "brief";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var exception = logEntry.Exception;
        if (string.IsNullOrEmpty(message) && exception is null)
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{timeProvider.GetLocalNow():HH:mm:ss} {Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}] {message}");
        if (exception is not null)
        {
            var cause = exception.GetBaseException();
            line += cause == exception || cause.Message == exception.Message
                ? $" ({exception.GetType().Name}: {exception.Message})"
                : $" ({exception.GetType().Name}: {exception.Message} <- {cause.GetType().Name}: {cause.Message})";
        }

        textWriter.WriteLine(line.ReplaceLineEndings(" "));
        if (exception is not null && minimumLevel <= LogLevel.Debug)
        {
            textWriter.WriteLine(exception.ToString());
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}
