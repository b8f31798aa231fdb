using NeptuneNotifier.Cli.State;

namespace NeptuneNotifier.IntegrationTests.Cli;

/// <summary>
/// How the CLI stops: at Ctrl+C or SIGTERM, and when the reader of its standard output goes, as in
/// <c>watch | head -3</c> or <c>| grep -m1 -q</c>, with exit code 141, as a shell reports a Unix tool killed by SIGPIPE.
/// The reader is this test, which reads a line or two and closes its end of the pipe.
/// </summary>
public sealed class CliStopTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    // Far longer than any of these commands takes; the old CLI never ended, and met it.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly LocalCloud cloud = new(dynalite) { Credentials = new BasicAWSCredentials("AKIDCLISTOPTESTS", "cli-stop-tests-secret") };
    private readonly string folder = Directory.CreateTempSubdirectory("neptune-notifier-cli-stop-").FullName;

    private string StatePath => Path.Combine(folder, "state.db");

    private string OutPath => Path.Combine(folder, "out");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The poll test runs a hundred exports of one graph at once.
    public async ValueTask InitializeAsync() => await cloud.StartEmulatorAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 200 }, Token);

    public async ValueTask DisposeAsync()
    {
        await cloud.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Watch_ReaderGone_StopsAfterTheCycleAndExits141Silently()
    {
        await TrackAsync([new(await cloud.StartExportAsync("g-orders0001", Token), "g-orders0001")]);
        await using var watch = new ReadByHead(CliProcess.Info(Environment(), folder, ["watch", "--interval", "1s", "--state", StatePath, "--out", OutPath]));

        await watch.ReadUntilAsync(line => line.StartsWith("Cycle:", StringComparison.Ordinal));
        watch.CloseOutput();
        var (exitCode, standardError) = await watch.WaitForExitAsync();

        exitCode.ShouldBe(141, standardError);
        standardError.ShouldBeEmpty("a watch whose reader has gone says nothing, as a tool killed by SIGPIPE");
    }

    // The cycle a first Ctrl+C lets finish may take a while: the watch says at once that it heard, and says it once.
    // SIGTERM, as systemctl stop, docker stop or Kubernetes send it to a watch run as a service, stops it the same way:
    // the cycle finishes, so nothing it published is left unconfirmed to be sent again, and the exit is clean.
    [Theory]
    [InlineData("INT", "Ctrl+C")]
    [InlineData("TERM", "SIGTERM")]
    public async Task Watch_Signal_SaysOnceThatItStopsAfterThisCycleAndExitsZero(string signal, string named)
    {
        await TrackAsync([new(await cloud.StartExportAsync("g-orders0001", Token), "g-orders0001")]);

        await using var watch = await CliProcess.InterruptedWatchAsync(Environment(), folder, StatePath, OutPath, signal);

        watch.Process.ExitCode.ShouldBe(0, watch.Output);
        watch.StandardError.Split('\n').Count(line => line == $"Stopping after this cycle ({named} again to stop now).").ShouldBe(1, watch.Output);
    }

    // The demo runs the emulator inside it, whose web host took SIGTERM for itself: the demo ran on to its end.
    [Fact]
    public async Task Demo_Terminate_Stops()
    {
        await using var demo = RunningProcess.Start(CliProcess.Info(Environment(), folder, ["demo", "--out", OutPath]));
        await demo.WaitForOutputAsync("EXPORTING", Token);

        await demo.SignalAndWaitForExitAsync("TERM", Token);

        demo.StandardError.ShouldContain("Stopping after this cycle (SIGTERM again to stop now).", Case.Sensitive, demo.Output);
        demo.StandardOutput.ShouldNotContain(" notifications; ", Case.Sensitive, "a stopped demo does not print its closing summary");
    }

    // The demo stops as at Ctrl+C, and its "Stopped." is not said either.
    [Fact]
    public async Task Demo_ReaderGone_Exits141Silently()
    {
        await using var demo = new ReadByHead(CliProcess.Info(Environment(), folder, ["demo", "--out", OutPath]));

        await demo.ReadUntilAsync(line => line.StartsWith("Started exports", StringComparison.Ordinal));
        demo.CloseOutput();
        var (exitCode, standardError) = await demo.WaitForExitAsync();

        exitCode.ShouldBe(141, standardError);
        standardError.ShouldBeEmpty();
    }

    // A thousand rows (more than 64 KiB, a Linux pipe's capacity): the CLI is still writing when the reader goes.
    [Theory]
    [InlineData("list")]
    [InlineData("list", "--json")]
    public async Task List_ReaderGoneAfterTheFirstLine_Exits141(params string[] command)
    {
        await TrackAsync([.. Enumerable.Range(0, 1000).Select(i => new TaskToTrack($"t-{i:D10}", "g-orders0001"))]);
        await using var list = new ReadByHead(CliProcess.Info(Environment(), folder, [.. command, "--state", StatePath]));

        await list.ReadUntilAsync(_ => true);
        list.CloseOutput();
        var (exitCode, standardError) = await list.WaitForExitAsync();

        exitCode.ShouldBe(141, standardError);
    }

    // A hundred notifications printed (about 1.5 KiB each): the reader goes while the poll delivers. The poll still runs
    // to its end: a notification it claimed and left would stay pending until its lease ran out.
    [Fact]
    public async Task Poll_ReaderGoneEarly_RecordsEveryTransitionAndExits141()
    {
        List<TaskToTrack> tasks = [];
        for (var i = 0; i < 100; i++)
        {
            tasks.Add(new(await cloud.StartExportAsync("g-orders0001", Token), "g-orders0001"));
        }

        await TrackAsync(tasks);
        await using var poll = new ReadByHead(CliProcess.Info(Environment(), folder, ["poll", "--state", StatePath, "--out", OutPath]));

        await poll.ReadUntilAsync(_ => true);
        poll.CloseOutput();
        var (exitCode, standardError) = await poll.WaitForExitAsync();

        exitCode.ShouldBe(141, standardError);
        var list = await CliProcess.RunAsync(Environment(), folder, Token, "list", "--json", "--state", StatePath);
        using var listed = JsonDocument.Parse(list.StandardOutput);
        listed.RootElement.EnumerateArray().Select(t => (Status: t.GetProperty("status").GetString(), Pending: t.GetProperty("pending").ValueKind))
            .ShouldAllBe(t => t.Status == "INITIALIZING" && t.Pending == JsonValueKind.Null, list.StandardOutput);
        listed.RootElement.GetArrayLength().ShouldBe(100);
        Directory.GetFiles(OutPath, "*.email.txt").Length.ShouldBe(100);
    }

    private async Task TrackAsync(IReadOnlyCollection<TaskToTrack> tasks)
    {
        await using var store = await SqliteTaskStateStore.OpenAsync(StatePath, TimeProvider.System, Token);
        (await store.TrackAsync(tasks, cloud.Time.GetUtcNow(), Token)).Count.ShouldBe(tasks.Count);
    }

    private Dictionary<string, string> Environment()
    {
        var environment = cloud.AwsEnvironment();
        environment["AWS_MAX_ATTEMPTS"] = "2";
        environment["REQUESTS_PER_SECOND"] = "100";
        return environment;
    }

    /// <summary>The CLI with its standard output read line by line, as <c>head</c> does, until the test closes it.</summary>
    private sealed class ReadByHead : IAsyncDisposable
    {
        private readonly Process process;
        private readonly Task<string> standardError;

        public ReadByHead(ProcessStartInfo info)
        {
            process = ToolProcess.Start(info);
            process.StandardInput.Close();
            standardError = process.StandardError.ReadToEndAsync(Token);
        }

        public async Task ReadUntilAsync(Func<string, bool> match)
        {
            while (await process.StandardOutput.ReadLineAsync(Token) is { } line)
            {
                if (match(line))
                {
                    return;
                }
            }

            throw new InvalidOperationException($"The CLI ended without printing the line waited for:\n{await standardError}");
        }

        /// <summary>Closes the read end of the pipe: the CLI's next write finds no reader.</summary>
        public void CloseOutput() => process.StandardOutput.Dispose();

        public async Task<(int ExitCode, string StandardError)> WaitForExitAsync()
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
            limit.CancelAfter(Generous);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!Token.IsCancellationRequested)
            {
                throw new TimeoutException($"The CLI was still running {Generous} after its reader had gone.");
            }

            return (process.ExitCode, await standardError);
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }
    }
}
