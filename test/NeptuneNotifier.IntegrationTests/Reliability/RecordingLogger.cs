using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>One log call as it would be written: level, rendered message and the exception with its inner ones.</summary>
internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>Everything a log sink could print for this entry, including exception messages and stack traces.</summary>
    public string Everything => Exception is null ? Message : $"{Message}\n{Exception}";
}

/// <summary>Keeps every log entry at every level, so tests can read what an operator would see.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public string Text => string.Join("\n", entries.Select(e => e.Everything));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));
    }
}
