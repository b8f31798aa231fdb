using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.Cli;
using NeptuneNotifier.Cli.Commands;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Tests.Clients;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

/// <summary>What <c>poll</c>, <c>watch</c> and <c>demo</c> show through the watcher, and how a watch lives through a failed cycle.</summary>
public sealed class WatcherTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("neptune-notifier-watcher-");
    private readonly StringWriter output = new();
    private readonly StringWriter errors = new();
    private readonly ListLogger log = new();
    private readonly FakeTimeProvider time = new(TestData.Start);
    private readonly FakeExportTaskSource source = new();
    private readonly FaultyTaskStateStore store = new(new InMemoryTaskStateStore());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Output => output.ToString();

    public void Dispose() => folder.Delete(recursive: true);

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

    // A cycle still running after ten seconds says so on standard error, and again every ten; one that ends sooner says nothing.
    [Fact]
    public async Task RunCycleAsync_LongCycle_SaysHowFarItHasComeEveryTenSeconds()
    {
        // Arrange: the second read waits until the test lets it go.
        var (quick, slow) = (TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting), TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting));
        await TrackAsync(quick);
        await TrackAsync(slow);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.OnCall = (taskId, _) => taskId == slow.TaskId ? release.Task : Task.CompletedTask;
        var running = Watcher(dryRun: false).RunCycleAsync(Token);
        await EventuallyAsync(() => source.Calls.Contains(slow.TaskId));

        // Act
        time.Advance(TimeSpan.FromSeconds(9));
        time.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => errors.ToString().Length > 0);
        time.Advance(TimeSpan.FromSeconds(10));
        await EventuallyAsync(() => errors.ToString().Contains("20s", StringComparison.Ordinal));
        release.SetResult();
        await running;
        time.Advance(TimeSpan.FromSeconds(30));

        // Assert
        errors.ToString().ShouldBe(string.Concat(
            $"Still polling after 10s: 1 tasks read and 0 listing pages so far, at most 5 calls a second (REQUESTS_PER_SECOND).{Environment.NewLine}",
            $"Still polling after 20s: 1 tasks read and 0 listing pages so far, at most 5 calls a second (REQUESTS_PER_SECOND).{Environment.NewLine}"));
        Output.ShouldContain("Cycle: 2 checked, 2 changed, 2 published", Case.Sensitive, Output);
    }

    // A poll that lists (POLL_STRATEGY=list) counts its listing pages too: reading no task yet is not standing still.
    [Fact]
    public async Task RunCycleAsync_LongListing_SaysHowManyPagesItHasAskedFor()
    {
        // Arrange: the graph's listing waits until the test lets it go.
        var export = TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting);
        await TrackAsync(export);
        source.SetGraph(TestData.GraphId, export.TaskId);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.OnList = (_, _) => release.Task;
        var running = Watcher(dryRun: false, new PollCycleOptions { Strategy = PollStrategy.List }, showsProgress: false).RunCycleAsync(Token);
        await EventuallyAsync(() => source.ListCalls.Count == 1);

        // Act
        time.Advance(TimeSpan.FromSeconds(10));
        await EventuallyAsync(() => errors.ToString().Length > 0);
        release.SetResult();
        await running;

        // Assert
        errors.ToString().ShouldBe($"Still polling after 10s: 0 tasks read and 1 listing pages so far, at most 5 calls a second (REQUESTS_PER_SECOND).{Environment.NewLine}");
    }

    // In an 80-column terminal the bar gives up cells so that a task keeps to one line; narrower still, it goes.
    [Theory]
    [InlineData(80, "███████░░░░░░░░░░░ ")]
    [InlineData(60, "")]
    public async Task WatchAsync_NarrowConsole_KeepsEachTaskToOneLine(int width, string bar)
    {
        // Arrange
        var export = TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting) with { NumEdgesWritten = null };
        await TrackAsync(export);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        // Act
        await Watcher(dryRun: false, width: width).WatchAsync(TimeSpan.Zero, untilIdle: false, stop.Token, async (_, _) => await stop.CancelAsync());

        // Assert
        Output.ShouldContain($"  {export.TaskId} {bar} 40% EXPORTING    1,234,567 vertices, - edges{Environment.NewLine}", Case.Sensitive, Output);
    }

    [Fact]
    public async Task RunCycleAsync_DryRun_SaysWhatItWouldNotifyBeforeTheSummaryAndPublishesNothing()
    {
        // Arrange: an export and an import seen for the first time (the import tracked without its kind), and a task
        // the service does not have.
        var export = TestData.Snapshot("t-dryrun0001", NeptuneTaskStatus.Exporting);
        var import = TestData.ImportSnapshot("t-dryrun0002", NeptuneTaskStatus.Importing, "g-imports001");
        source.Set(export);
        source.Set(import);
        await store.TrackAsync([new(export.TaskId, export.GraphId), new(import.TaskId), new("t-dryrun0003", "g-gone000001")], time.GetUtcNow(), Token);

        // Act
        var summary = await Watcher(dryRun: true).RunCycleAsync(Token);

        // Assert
        summary.Changed.ShouldBe(3, Output);
        Output.ShouldContain(string.Join(Environment.NewLine, [
            "would notify: t-dryrun0001  (none) -> EXPORTING (graph g-0123456789, export)",
            "would notify: t-dryrun0002  (none) -> IMPORTING (graph g-imports001, import)",
            "would notify: t-dryrun0003  (none) -> GONE (graph g-gone000001, export or import)",
            "Cycle: 3 checked, 3 changed, 0 published",
        ]));
        folder.GetFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task RunCycleAsync_DryRunOfAnOverdueTask_SaysItWouldAlert()
    {
        // Arrange: the export's status is notified; it has been running for more than an hour.
        var options = new PollCycleOptions { Alerts = new(OverdueAfter: TimeSpan.FromMinutes(30)) };
        var export = TestData.Snapshot("t-overdue001", NeptuneTaskStatus.Exporting);
        await TrackAsync(export);
        await Watcher(dryRun: false, options).RunCycleAsync(Token);
        output.GetStringBuilder().Clear();

        // Act
        var summary = await Watcher(dryRun: true, options).RunCycleAsync(Token);

        // Assert
        summary.Alerts.ShouldBe(1);
        Output.ShouldStartWith("would alert: t-overdue001  EXPORTING overdue (graph g-0123456789, export)" + Environment.NewLine, Case.Sensitive, Output);
    }

    [Fact]
    public async Task RunCycleAsync_NotADryRun_SaysNothingItWould()
    {
        // Arrange
        await TrackAsync(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting));

        // Act
        var summary = await Watcher(dryRun: false).RunCycleAsync(Token);

        // Assert: the notification itself is shown.
        summary.Published.ShouldBe(1, Output);
        Output.ShouldNotContain("would ");
    }

    private async Task TrackAsync(TaskSnapshot snapshot)
    {
        source.Set(snapshot);
        await store.TrackAsync([new(snapshot.TaskId, snapshot.GraphId, snapshot.Kind)], time.GetUtcNow(), Token);
    }

    // Waits, on the real clock, for what other threads do after the fake clock has moved: up to 10 s, then fails.
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            waited.ShouldBeLessThan(10_000, "the condition never held");
            await Task.Delay(10, Token);
        }
    }

    // The backend owns nothing here: no file, no client to dispose.
    private Watcher Watcher(bool dryRun, PollCycleOptions? options = null, int width = 200, bool showsProgress = true)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = width;
        var context = new CliContext(new Dictionary<string, string?>(), console, TextWriter.Synchronized(errors), time, log);
        var local = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, TestAccount.Id));
        var backend = Backend.Over(store, "the test store", source, local, options ?? new PollCycleOptions(), TestAccount.Region, [], []);
        return new Watcher(context, backend, dryRun, showsProgress);
    }
}
