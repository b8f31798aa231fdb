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

        return await parse.InvokeAsync();
    }
}
