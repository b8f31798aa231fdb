using Microsoft.Win32.SafeHandles;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// Standard output into a pipe or a socket, which tells when its reader has gone. .NET ignores SIGPIPE and its console
/// stream takes a write's EPIPE for success, so a CLI piped into <c>head</c> would never learn that nobody reads any
/// more. This stream writes to the descriptor itself: at the first EPIPE it records the reader gone (<see cref="ReaderGone"/>)
/// and drops that write and every later one without throwing, so that no command breaks off mid-render.
/// </summary>
internal sealed class PipedOutputStream : Stream
{
    // EPIPE on Linux and macOS. .NET raises an errno it has no exception type for as an IOException whose HResult is
    // the errno: a write into a pipe whose reader is closed throws IOException "Broken pipe", HResult 32 (.NET 10,
    // Linux; PipedOutputStreamTests.Write_ReaderClosed_ReportsTheReaderGoneAndNeverThrows checks it).
    private const int BrokenPipe = 32;

    private readonly Stream pipe;
    private readonly Func<Stream> fallback;
    private readonly CancellationTokenSource gone = new();
    private readonly Lock gate = new();
    private Stream? fellBackTo;

    /// <param name="pipe">Unbuffered writes to the descriptor, which throw what the system answers.</param>
    /// <param name="fallback">Where writes go after a failure other than EPIPE (the console stream, which waits out a full non-blocking pipe).</param>
    public PipedOutputStream(Stream pipe, Func<Stream> fallback)
    {
        this.pipe = pipe;
        this.fallback = fallback;
    }

    /// <summary>Cancelled at the first write that finds no reader.</summary>
    public CancellationToken ReaderGone => gone.Token;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The process's standard output when it is a pipe or a socket; null for a terminal or a file (a file never loses
    /// its reader, and the console stream appends to it as <c>&gt;&gt;</c> asks) and on Windows, where the console
    /// stream reports a broken pipe itself.
    /// </summary>
    public static PipedOutputStream? ForStandardOutput()
    {
        if (OperatingSystem.IsWindows() || !Console.IsOutputRedirected)
        {
            return null;
        }

        FileStream descriptor;
        try
        {
            descriptor = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Standard output closed, or not writable: the console stream copes as it always has.
            return null;
        }

        if (descriptor.CanSeek)
        {
            descriptor.Dispose();
            return null;
        }

        return new PipedOutputStream(descriptor, Console.OpenStandardOutput);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (gate)
        {
            if (gone.IsCancellationRequested)
            {
                return;
            }

            if (fellBackTo is { } console)
            {
                console.Write(buffer);
                return;
            }

            try
            {
                pipe.Write(buffer);
            }
            catch (IOException exception) when (exception.HResult == BrokenPipe)
            {
                // Set at once; what waits on the token runs elsewhere, not inside a write of whichever command wrote.
                _ = gone.CancelAsync();
            }
            catch (IOException)
            {
                // EAGAIN from a non-blocking pipe, say: the console stream waits until the pipe takes the bytes. A write
                // cut off midway may repeat its first part once; from then on a gone reader is no longer noticed.
                fellBackTo = fallback();
                fellBackTo.Write(buffer);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    // Writes to a pipe block as the console stream's do; nothing is gained by going through the thread pool.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pipe.Dispose();
            fellBackTo?.Dispose();
            gone.Dispose();
        }

        base.Dispose(disposing);
    }
}
