using Microsoft.Extensions.Logging;
using NeptuneNotifier.Cli.Output;

namespace NeptuneNotifier.Tests.Cli;

public sealed class BriefConsoleFormatterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 18, 5, 9, TimeSpan.Zero));

    [Fact]
    public void Write_WarningWithAnException_IsOneLineNamingTheExceptionAndItsCause()
    {
        var output = Write(LogLevel.Information, Thrown());

        output.ShouldBe("18:05:09 warn: NeptuneNotifier.Core.Polling.PollCycle[7] Reading t-0123456789 failed (HttpRequestException: the endpoint did not answer <- TimeoutException: no answer in 30 s)" + Environment.NewLine);
    }

    [Theory]
    [InlineData(LogLevel.Debug)]
    [InlineData(LogLevel.Trace)]
    public void Write_AtDebugOrTrace_AddsTheWholeException(LogLevel minimum)
    {
        var exception = Thrown();

        var output = Write(minimum, exception);

        output.ShouldStartWith("18:05:09 warn: NeptuneNotifier.Core.Polling.PollCycle[7] Reading t-0123456789 failed (HttpRequestException");
        output.ShouldContain(exception.ToString());
        output.ShouldContain("   at ");
    }

    private string Write(LogLevel minimum, Exception exception)
    {
        using var writer = new StringWriter();
        new BriefConsoleFormatter(time, minimum).Write(
            new LogEntry<string>(LogLevel.Warning, "NeptuneNotifier.Core.Polling.PollCycle", new EventId(7), "Reading t-0123456789 failed", exception, (state, _) => state),
            scopeProvider: null,
            writer);
        return writer.ToString();
    }

    // Thrown, so it has a stack trace to leave out.
    private static HttpRequestException Thrown()
    {
        try
        {
            throw new HttpRequestException("the endpoint did not answer", new TimeoutException("no answer in 30 s"));
        }
        catch (HttpRequestException exception)
        {
            return exception;
        }
    }
}
