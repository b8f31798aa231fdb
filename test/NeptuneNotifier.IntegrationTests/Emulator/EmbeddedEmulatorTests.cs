using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>The emulator inside another program (a test run, the CLI's demo), which owns the process's signals.</summary>
public sealed class EmbeddedEmulatorTests
{
    // The host's default console lifetime registers Ctrl+C and SIGTERM handlers that cancel the signals' default action:
    // in the demo, a second Ctrl+C or SIGTERM would then not end the process.
    [Fact]
    public async Task StartAsync_TakesNoProcessSignals()
    {
        await using var emulator = await NeptuneEmulator.StartAsync(new EmulatorOptions(), TimeProvider.System, TestContext.Current.CancellationToken);

        emulator.Services.GetRequiredService<IHostLifetime>().ShouldNotBeOfType<ConsoleLifetime>();
    }
}
