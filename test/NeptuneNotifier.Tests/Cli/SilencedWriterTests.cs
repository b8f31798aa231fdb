using NeptuneNotifier.Cli.Output;

namespace NeptuneNotifier.Tests.Cli;

public sealed class SilencedWriterTests
{
    [Fact]
    public async Task Write_AfterSilence_NothingReachesTheInnerWriter()
    {
        using var inner = new StringWriter { NewLine = "\n" };
        using var silence = new CancellationTokenSource();
        using var writer = new SilencedWriter(inner, silence.Token);

        await writer.WriteLineAsync("error: before");
        writer.Write('.');
        writer.WriteLine();
        await silence.CancelAsync();
        await writer.WriteLineAsync("Stopped.");
        await writer.WriteAsync("error: after");
        writer.WriteLine("after");
        writer.Write('x');
        writer.Write("after".ToCharArray(), 0, 5);
        writer.WriteLine();

        inner.ToString().ShouldBe("error: before\n.\n");
    }
}
