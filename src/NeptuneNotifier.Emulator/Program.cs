namespace NeptuneNotifier.Emulator;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("The emulator is not built yet.");
        return 1;
    }
}
