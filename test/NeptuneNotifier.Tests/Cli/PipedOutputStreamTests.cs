using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;
using NeptuneNotifier.Cli.Output;

namespace NeptuneNotifier.Tests.Cli;

/// <summary>Standard output into a real pipe: what the reader gets, and what happens when it has gone.</summary>
public sealed class PipedOutputStreamTests : IDisposable
{
    private readonly AnonymousPipeServerStream reader = new(PipeDirection.In);
    private readonly SafePipeHandle writeEnd;
    private readonly MemoryStream console = new();
    private readonly PipedOutputStream output;

    public PipedOutputStreamTests()
    {
        writeEnd = reader.ClientSafePipeHandle;
        // As ForStandardOutput opens descriptor 1: unbuffered, the handle not owned.
        var descriptor = new FileStream(new SafeFileHandle(writeEnd.DangerousGetHandle(), ownsHandle: false), FileAccess.Write, bufferSize: 0);
        output = new PipedOutputStream(descriptor, () => console);
    }

    public void Dispose()
    {
        output.Dispose();
        reader.Dispose();
        writeEnd.Dispose();
    }

    [Fact]
    public void Write_ReaderOpen_TheReaderGetsTheBytes()
    {
        output.Write("line 1\n"u8);

        var read = new byte[16];
        reader.ReadAtLeast(read, 7).ShouldBe(7);
        read[..7].ShouldBe("line 1\n"u8.ToArray());
        output.ReaderGone.IsCancellationRequested.ShouldBeFalse();
        console.Length.ShouldBe(0);
    }

    [Fact]
    public async Task Write_ReaderClosed_ReportsTheReaderGoneAndNeverThrows()
    {
        using var writer = new StreamWriter(output) { AutoFlush = true };
        await writer.WriteLineAsync("read by head");
        reader.Dispose();

        // The first write after the reader went is the one that finds out: the console stream would take it for success.
        await writer.WriteLineAsync("nobody reads this");
        writer.WriteLine(new string('x', 100_000));
        output.Write("nor this"u8);

        output.ReaderGone.IsCancellationRequested.ShouldBeTrue();
        console.Length.ShouldBe(0, "a gone reader's writes are dropped, not sent to the console stream");
    }

    [Fact]
    public void Write_OtherFailure_FallsBackToTheConsoleStream()
    {
        using var full = new PipedOutputStream(new FailingStream(), () => console);

        full.Write("first"u8);
        full.Write(" second"u8);

        console.ToArray().ShouldBe("first second"u8.ToArray());
        full.ReaderGone.IsCancellationRequested.ShouldBeFalse();
    }

    // What FileStream throws for a non-blocking pipe that is full: EAGAIN, measured as HResult 11 on Linux.
    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Resource temporarily unavailable", 11);
    }
}
