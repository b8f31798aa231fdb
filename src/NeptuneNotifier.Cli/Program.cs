using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

internal static class Program
{
    // Wider than any line the CLI writes, far from int overflow in Spectre's width arithmetic.
    private const int Unwrapped = 1 << 20;

    public static async Task<int> Main(string[] args)
    {
        var environment = System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        // Read before the command line: the logger exists before any command runs. A bad value gives the default here,
        // and CliApp reports it once the command line shows that a command is to run. The other settings are read, with
        // the flags, by the commands that use them.
        var verbose = new SettingsReader(environment).LogLevel(SettingDefinitions.CliLogLevel);

        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(verbose);
            logging.Services.AddSingleton<ConsoleFormatter>(new BriefConsoleFormatter(TimeProvider.System, verbose));
            // Logs go to standard error, so standard output stays clean for --json.
            logging.AddConsole(console =>
            {
                console.LogToStandardErrorThreshold = LogLevel.Trace;
                console.FormatterName = BriefConsoleFormatter.FormatterName;
            });
        });

        // First Ctrl+C or SIGTERM: finish the current cycle and stop. A second one ends the process.
        using var stop = new StopSignals();

        // Into a pipe, standard output is written so that a gone reader is noticed (| head -3, | grep -m1): watch and
        // demo then stop as at a first Ctrl+C, the others run to their end, and the process exits as a Unix tool
        // killed by SIGPIPE would.
        using var piped = PipedOutputStream.ForStandardOutput();
        var console = piped is null ? AnsiConsole.Console : AnsiConsole.Create(new AnsiConsoleSettings
        {
            // As Spectre detects for System.Console.Out into a pipe; for another writer it would go by TERM alone.
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(TextWriter.Synchronized(new StreamWriter(piped, System.Console.OutputEncoding) { AutoFlush = true })),
        });
        if (System.Console.IsOutputRedirected)
        {
            // A pipe or a file has no width, and Spectre would wrap at 80 columns: a log line or a cycle's summary split
            // in two cannot be grepped. Without COLUMNS each line is written whole (panels and tables still take the
            // width of their content); COLUMNS, when set, is the width.
            console.Profile.Width = environment.TryGetValue("COLUMNS", out var columns) && int.TryParse(columns, out var width) && width is > 40 and < 1000 ? width : Unwrapped;
        }

        var readerGone = piped?.ReaderGone ?? CancellationToken.None;
        var context = new CliContext(environment, console, System.Console.Error, TimeProvider.System, loggerFactory, readerGone) { HeardSignal = () => stop.Heard };
        var exitCode = await CliApp.InvokeAsync(args, context, stop.Token);
        return readerGone.IsCancellationRequested ? CliApp.ReaderGone : exitCode;
    }
}
