using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.Cli;
using NeptuneNotifier.Cli.Commands;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Tests.Clients;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

/// <summary>What <c>poll</c>, <c>watch</c> and <c>demo</c> show through the watcher, and how a watch lives through a failed cycle.</summary>
public sealed class WatcherTests : IAsyncDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("neptune-notifier-watcher-");
    private readonly StringWriter output = new();
    private readonly ListLogger log = new();
    private readonly FakeTimeProvider time = new(TestData.Start);
    private readonly FakeExportTaskSource source = new();
    private readonly FaultyTaskStateStore store = new(new InMemoryTaskStateStore());
    private readonly Backend backend;

    public WatcherTests()
    {
        var local = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, TestAccount.Id));
        backend = Backend.Over(store, "the test store", source, local, new PollCycleOptions(), TestAccount.Region, [], []);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Output => output.ToString();

    public async ValueTask DisposeAsync()
    {
        await backend.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task WatchAsync_StoreFailsAfterAGoodCycle_LogsAWarningAndRunsTheNextCycle()
    {
        // Arrange: the store cannot be read once, in the second cycle.
        await TrackAsync(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting));
        var watcher = Watcher(dryRun: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var cycles = 0;

        // Act: the third cycle stops the watch.
        await watcher.WatchAsync(TimeSpan.Zero, untilIdle: false, stop.Token, (_, _) =>
        {
            cycles++;
            if (cycles == 1)
            {
                store.FailNextLoads = 1;
            }
            else
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        });

        // Assert
        cycles.ShouldBe(2, Output);
        Regex.Count(Output, "Cycle: ").ShouldBe(2, Output);
        var warning = log.Entries.Where(e => e.Level >= LogLevel.Warning).ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldBe("The poll cycle failed; the watch tries again in 00:00:00");
        warning.Exception.ShouldBeOfType<IOException>().Message.ShouldBe("Simulated store outage loading the active tasks.");
    }

    [Fact]
    public async Task WatchAsync_FirstCycleFails_Throws()
    {
        // Arrange
        store.FailNextLoads = 1;
        var watcher = Watcher(dryRun: false);

        // Act
        var thrown = await Should.ThrowAsync<IOException>(() => watcher.WatchAsync(TimeSpan.Zero, untilIdle: false, Token));

        // Assert: a wrong table or file shows at once, instead of a watch that only logs.
        thrown.Message.ShouldBe("Simulated store outage loading the active tasks.");
        log.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task WatchAsync_RunningImportAndExport_ShowEachItsOwnFiguresAsListDoes()
    {
        // Arrange
        var import = TestData.ImportSnapshot(TestData.NewTaskId(), NeptuneTaskStatus.Importing);
        var export = TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting) with { NumEdgesWritten = null };
        await TrackAsync(import);
        await TrackAsync(export);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        // Act
        await Watcher(dryRun: false).WatchAsync(TimeSpan.Zero, untilIdle: false, stop.Token, async (_, _) => await stop.CancelAsync());

        // Assert: an import's statements, not an export's counts; a figure not reported is "-", not 0.
        Output.ShouldContain($"{import.TaskId} ████████░░░░░░░░░░░░  40% IMPORTING    1,234,567 statements", Case.Sensitive, Output);
        Output.ShouldContain($"{export.TaskId} ████████░░░░░░░░░░░░  40% EXPORTING    1,234,567 vertices, - edges", Case.Sensitive, Output);
        Output.ShouldNotContain("vertices 0", Case.Sensitive, Output);
    }

    private async Task TrackAsync(TaskSnapshot snapshot)
    {
        source.Set(snapshot);
        await store.TrackAsync([new(snapshot.TaskId, snapshot.GraphId, snapshot.Kind)], time.GetUtcNow(), Token);
    }

    private Watcher Watcher(bool dryRun)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        var context = new CliContext(new Dictionary<string, string?>(), console, TextWriter.Null, time, log);
        return new Watcher(context, backend, dryRun, showsProgress: true);
    }
}
