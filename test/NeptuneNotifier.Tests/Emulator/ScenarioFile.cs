namespace NeptuneNotifier.Tests.Emulator;

/// <summary>A scenario file written to the temp folder for one test, read as the emulator reads it, deleted on dispose.</summary>
internal sealed class ScenarioFile : IDisposable
{
    private ScenarioFile(string path) => Path = path;

    public string Path { get; }

    public static async Task<ScenarioFile> WriteAsync(string json)
    {
        var file = new ScenarioFile(System.IO.Path.GetTempFileName());
        try
        {
            await File.WriteAllTextAsync(file.Path, json, TestContext.Current.CancellationToken);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public Task<EmulatorScenario> LoadAsync() => EmulatorScenario.LoadAsync(Path, TestContext.Current.CancellationToken);

    public void Dispose() => File.Delete(Path);
}
