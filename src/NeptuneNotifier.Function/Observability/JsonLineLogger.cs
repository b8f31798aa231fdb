using System.Buffers;
using System.Globalization;
using System.Text;

namespace NeptuneNotifier.Function.Observability;

/// <summary>
/// The function's logs: one JSON object a line, written whole and flushed on the calling thread before <c>Log</c>
/// returns, so every line of an invocation is out before the runtime posts its answer.
/// </summary>
/// <remarks>
/// Lambda freezes the sandbox once the runtime asks for the next event, and "background processes or callbacks that
/// were initiated by your Lambda function that did not complete when the function ended resume if Lambda reuses the
/// execution environment" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html). The console
/// logger of Microsoft.Extensions.Logging writes from a queue on a thread of its own, so a line still queued then would
/// come out inside the next invocation's logs, or never if the sandbox is shut down. The members are those of that
/// logger's JSON formatter, which the function used before, so queries written against its lines keep working:
/// Timestamp, EventId, LogLevel, Category, Message, Exception, State (the message's values) and Scopes.
/// </remarks>
internal sealed class JsonLineLoggerProvider(TextWriter output, TimeProvider timeProvider) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Write<TState>(string category, LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", logLevel.ToString());
            json.WriteString("Category", category);
            json.WriteString("Message", formatter(state, exception));
            if (exception is not null)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("State");
                WriteValues(json, values);
                json.WriteEndObject();
            }

            json.WriteStartArray("Scopes");
            scopes.ForEachScope(WriteScope, json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        // The whole line in one write, under the writer's own lock (Console.Out takes it for each call, the metrics line's
        // included): lines logged by parallel tasks never interleave.
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
        lock (output)
        {
            output.Write(line);
            output.Flush();
        }
    }

    private static void WriteScope(object? scope, Utf8JsonWriter json)
    {
        if (scope is IEnumerable<KeyValuePair<string, object?>> values)
        {
            json.WriteStartObject();
            json.WriteString("Message", scope.ToString());
            WriteValues(json, values);
            json.WriteEndObject();
        }
        else
        {
            json.WriteStringValue(Convert.ToString(scope, CultureInfo.InvariantCulture));
        }
    }

    private static void WriteValues(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> values)
    {
        foreach (var (name, value) in values)
        {
            switch (value)
            {
                case null:
                    json.WriteNull(name);
                    break;
                case bool flag:
                    json.WriteBoolean(name, flag);
                    break;
                // JSON has no NaN or infinity, and Utf8JsonWriter throws on them: a log call must not.
                case float or double when !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                    json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                // The number as .NET formats it, which is valid JSON: shortest round-trip for float and double (0.1, not
                // a float widened to 0.10000000149011612), a decimal's scale kept, as the JSON console formatter writes them.
                case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                    json.WritePropertyName(name);
                    json.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    private sealed class JsonLineLogger(JsonLineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
