using System.Runtime.InteropServices;

namespace NeptuneNotifier.Cli;

/// <summary>
/// The process's requests to stop: Ctrl+C (SIGINT) and SIGTERM (<c>systemctl stop</c>, <c>docker stop</c>, Kubernetes).
/// The first one cancels <see cref="Token"/> and is kept from ending the process, so <c>watch</c> finishes its cycle
/// and confirms what it published; a second one, of either kind, ends the process at once, as the runtime would.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;
    private string? heard;

    public StopSignals()
    {
        registrations = [Register(PosixSignal.SIGINT, "Ctrl+C"), Register(PosixSignal.SIGTERM, "SIGTERM")];
    }

    public CancellationToken Token => stop.Token;

    /// <summary>The first signal heard, as the operator would name it; Ctrl+C before any.</summary>
    public string Heard => Volatile.Read(ref heard) ?? "Ctrl+C";

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal, string name) => PosixSignalRegistration.Create(signal, context =>
    {
        if (Interlocked.CompareExchange(ref heard, name, null) is null)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    });
}
