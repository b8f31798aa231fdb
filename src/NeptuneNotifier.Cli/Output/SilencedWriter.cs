using System.Text;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// Writes through to <paramref name="inner"/> until <paramref name="silence"/> is cancelled, then drops every write: a
/// watch whose reader has gone ends as a Unix tool killed by SIGPIPE does, without a word on standard error. Each write
/// goes to <paramref name="inner"/> in one call, so a synchronized writer keeps every line whole.
/// </summary>
internal sealed class SilencedWriter(TextWriter inner, CancellationToken silence) : TextWriter(CultureInfo.InvariantCulture)
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (!silence.IsCancellationRequested)
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (!silence.IsCancellationRequested)
        {
            inner.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (!silence.IsCancellationRequested)
        {
            inner.Write(buffer, index, count);
        }
    }

    public override void WriteLine(string? value)
    {
        if (!silence.IsCancellationRequested)
        {
            inner.WriteLine(value);
        }
    }

    public override Task WriteAsync(string? value) => silence.IsCancellationRequested ? Task.CompletedTask : inner.WriteAsync(value);

    public override Task WriteLineAsync(string? value) => silence.IsCancellationRequested ? Task.CompletedTask : inner.WriteLineAsync(value);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
