namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>
/// A conformance test: steps run by the official JS client (<see cref="EmulatorDriver"/>) against one in-process
/// emulator on a fake clock from <see cref="EmulatorDriver.Epoch"/>, started by the test with its options and stopped
/// with it.
/// </summary>
public abstract class EmulatorConformance : IAsyncDisposable
{
    private NeptuneEmulator? emulator;

    private protected FakeTimeProvider Time { get; } = new(EmulatorDriver.Epoch);

    private protected NeptuneEmulator Emulator => emulator ?? throw new InvalidOperationException("The emulator is not started: call StartAsync first.");

    public async ValueTask DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private protected async Task StartAsync(EmulatorOptions? options = null) =>
        emulator = await EmulatorDriver.StartAsync(Time, options);

    private protected Task<IReadOnlyList<DriverResult>> RunAsync(IEnumerable<JsonObject> steps, JsonObject? settings = null) =>
        EmulatorDriver.RunAsync(Emulator, steps, settings);

    private protected Task<DriverResult> RunOneAsync(JsonObject step, JsonObject? settings = null) =>
        EmulatorDriver.RunOneAsync(Emulator, step, settings);

    /// <summary>Starts an export with the official client's default step (<see cref="EmulatorDriver.StartExport"/>); returns its task id.</summary>
    private protected async Task<string> StartExportAsync() => (await RunOneAsync(EmulatorDriver.StartExport())).Get("taskId");
}
