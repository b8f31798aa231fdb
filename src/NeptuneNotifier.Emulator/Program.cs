using System.CommandLine;
using System.Runtime.InteropServices;

namespace NeptuneNotifier.Emulator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var parse = EmulatorCommandLine.Build(Console.Out, Console.Error).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return 2;
        }

        // Ctrl+C or SIGTERM stops the emulator, which then exits with 0 (the web host inside takes no signals of its own);
        // a second one ends the process at once.
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        }
    }
}
