namespace NeptuneNotifier.IntegrationTests.Cli;

/// <summary>The CLI as a process: every command, its output and its exit codes, against the emulator.</summary>
public sealed class CliTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly LocalCloud cloud = new(dynalite) { Credentials = new BasicAWSCredentials("AKIDCLITESTS", "cli-tests-secret") };
    private readonly string folder = Directory.CreateTempSubdirectory("neptune-notifier-cli-").FullName;

    private string StatePath => Path.Combine(folder, "state.db");

    private string OutPath => Path.Combine(folder, "out");

    public async ValueTask InitializeAsync() => await cloud.StartEmulatorAsync(new EmulatorOptions(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await cloud.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Commands_ExportLifecycle_TrackListPollUntrack()
    {
        var taskId = await StartExportAsync();

        var track = await RunAsync("track", taskId, "--state", StatePath);
        track.ExitCode.ShouldBe(0, track.ToString());
        track.StandardOutput.ShouldContain($"{taskId}: export of graph g-orders0001, INITIALIZING");
        track.StandardOutput.ShouldContain($"{taskId}: now tracked");

        var list = await RunAsync("list", "--json", "--state", StatePath);
        list.ExitCode.ShouldBe(0, list.ToString());
        using (var tasks = JsonDocument.Parse(list.StandardOutput))
        {
            var task = tasks.RootElement.EnumerateArray().ShouldHaveSingleItem();
            task.GetProperty("taskId").GetString().ShouldBe(taskId);
            task.GetProperty("status").ValueKind.ShouldBe(JsonValueKind.Null);
            task.GetProperty("pending").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        var first = await RunAsync("poll", "--state", StatePath, "--out", OutPath);
        first.ExitCode.ShouldBe(0, first.ToString());
        first.StandardOutput.ShouldContain("INITIALIZING");
        first.StandardOutput.ShouldContain("1 checked, 1 changed, 1 published");
        Directory.GetFiles(OutPath, "*.email.txt").Length.ShouldBe(1);
        // No topic or bus names an account: the event is written without resources, and says so.
        first.StandardOutput.ShouldContain("resources none (no account known)");
        using (var entry = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(OutPath, "*.eventbridge.json").ShouldHaveSingleItem())))
        {
            entry.RootElement.GetProperty("Source").GetString().ShouldBe("neptune-notifier");
            entry.RootElement.GetProperty("Resources").GetArrayLength().ShouldBe(0);
        }

        cloud.Time.Advance(TimeSpan.FromMinutes(10));
        var dryRun = await RunAsync("poll", "--dry-run", "--state", StatePath, "--out", OutPath);
        dryRun.ExitCode.ShouldBe(0, dryRun.ToString());
        dryRun.StandardOutput.ShouldContain($"would notify: {taskId}  INITIALIZING -> SUCCEEDED (graph g-orders0001, export)");
        dryRun.StandardOutput.ShouldContain("1 checked, 1 changed, 0 published");
        Directory.GetFiles(OutPath, "*.email.txt").Length.ShouldBe(1);

        var second = await RunAsync("poll", "--state", StatePath, "--out", OutPath);
        second.ExitCode.ShouldBe(0, second.ToString());
        second.StandardOutput.ShouldContain("SUCCEEDED");
        Directory.GetFiles(OutPath, $"*-{taskId}-SUCCEEDED.slack.json").ShouldHaveSingleItem();

        var after = await RunAsync("list", "--json", "--state", StatePath);
        JsonDocument.Parse(after.StandardOutput).RootElement.GetArrayLength().ShouldBe(0);

        var untrack = await RunAsync("untrack", taskId, "--state", StatePath);
        untrack.ExitCode.ShouldBe(0, untrack.ToString());
        var again = await RunAsync("untrack", taskId, "--state", StatePath);
        again.ExitCode.ShouldBe(1, again.ToString());
        again.StandardError.ShouldContain("was not tracked");
    }

    [Fact]
    public async Task Poll_EventBusArn_PutsOneEventWithTheBusAccountsArnsThroughTheEndpointOverride()
    {
        const string Bus = "arn:aws:events:us-east-1:210987654321:event-bus/central";
        await using var bus = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson));
        var taskId = await StartExportAsync();
        (await RunAsync("track", taskId, "--state", StatePath)).ExitCode.ShouldBe(0);

        var poll = await CliProcess.RunAsync(
            Environment(new() { ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = bus.Endpoint.ToString() }), folder, TestContext.Current.CancellationToken,
            "poll", "--state", StatePath, "--event-bus", Bus);

        poll.ExitCode.ShouldBe(0, poll.ToString());
        poll.StandardOutput.ShouldContain("1 checked, 1 changed, 1 published");
        var request = bus.Requests.ShouldHaveSingleItem(poll.ToString());
        request.Header("X-Amz-Target").ShouldBe("AWSEvents.PutEvents");
        using var body = JsonDocument.Parse(request.Body);
        var entry = body.RootElement.GetProperty("Entries").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("EventBusName").GetString().ShouldBe(Bus);
        entry.GetProperty("Source").GetString().ShouldBe("neptune-notifier");
        entry.GetProperty("Resources").EnumerateArray().Select(r => r.GetString()).ShouldBe(
            [$"arn:aws:neptune-graph:us-east-1:210987654321:export-task/{taskId}", "arn:aws:neptune-graph:us-east-1:210987654321:graph/g-orders0001"]);
        JsonDocument.Parse(entry.GetProperty("Detail").GetString()!).RootElement.GetProperty("taskId").GetString().ShouldBe(taskId);
    }

    [Fact]
    public async Task List_Table_ShowsStatusAndProgress()
    {
        var taskId = await StartExportAsync();
        (await RunAsync("track", taskId, "--state", StatePath)).ExitCode.ShouldBe(0);
        cloud.Time.Advance(TimeSpan.FromSeconds(45));
        (await RunAsync("poll", "--state", StatePath, "--out", OutPath)).ExitCode.ShouldBe(0);

        var list = await RunAsync("list", "--state", StatePath);

        list.ExitCode.ShouldBe(0, list.ToString());
        list.StandardOutput.ShouldContain(taskId);
        list.StandardOutput.ShouldContain("EXPORTING");
        list.StandardOutput.ShouldContain("1 task(s) in embedded store");
    }

    [Fact]
    public async Task Track_ImportTask_IsLookedUpAsAnImportAndListedAndPolledAsOne()
    {
        var taskId = await cloud.StartImportAsync("g-orders0001", TestContext.Current.CancellationToken);

        var track = await RunAsync("track", taskId, "--state", StatePath);
        var poll = await RunAsync("poll", "--state", StatePath, "--out", OutPath);
        var list = await RunAsync("list", "--json", "--state", StatePath);

        track.ExitCode.ShouldBe(0, track.ToString());
        track.StandardOutput.ShouldContain($"{taskId}: import into graph g-orders0001, INITIALIZING");
        poll.StandardOutput.ShouldContain("1 checked, 1 changed, 1 published");
        File.ReadAllText(Directory.GetFiles(OutPath, "*.email.txt").ShouldHaveSingleItem()).ShouldContain($"Neptune Analytics import task {taskId}");
        using var tasks = JsonDocument.Parse(list.StandardOutput);
        tasks.RootElement.EnumerateArray().ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe("import");
    }

    [Fact]
    public async Task Track_UnknownTask_ExitsOneWithMessage()
    {
        var result = await RunAsync("track", "t-0000000000", "--state", StatePath);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StandardError.ShouldContain("t-0000000000: Neptune Analytics has neither an export task nor an import task with this ID");
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("track t-BAD --state {state}", "Not a task ID: 't-BAD'")]
    [InlineData("track --state {state}", "Required argument missing")]
    [InlineData("list", "No state store")]
    [InlineData("watch --interval 0s --state {state}", "--interval '0s'")]
    [InlineData("demo --timeout 0", "--timeout '0' must be a duration")]
    [InlineData("poll --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("nonsense", "Unrecognized command or argument 'nonsense'")]
    [InlineData("demo --speed 0", "--speed 0 must be from 0.1 to 1000")]
    [InlineData("list --state {state} --topic-arn topic", "TOPIC_ARN 'topic' is not an SNS topic ARN")]
    [InlineData("list --state {state} --region US-EAST-1", "AWS_REGION 'US-EAST-1' is not an AWS Region name")]
    [InlineData("list --state {state} --event-bus aws.partner/saas/bus", "EVENT_BUS_NAME 'aws.partner/saas/bus' is not an event bus name")]
    [InlineData("poll --state {state} --event-bus analytics", "EVENT_BUS_NAME 'analytics' is a bus name and no topic ARN is set, so the account for the events' resource ARNs is not known")]
    [InlineData("poll --table state-table", "No SNS topic or event bus to notify for DynamoDB table state-table")]
    [InlineData("watch --table state-table", "No SNS topic or event bus to notify for DynamoDB table state-table")]
    [InlineData("demo --out {folder}", "The demo tracks its tasks in a new store, and {state} exists")]
    public async Task Command_BadUsage_ExitsTwoWithMessage(string commandLine, string expected)
    {
        // A store where the demo would run (an earlier run's), and where the other commands find one.
        await File.WriteAllBytesAsync(StatePath, [], TestContext.Current.CancellationToken);
        var result = await RunAsync([.. commandLine.Replace("{state}", StatePath, StringComparison.Ordinal).Replace("{folder}", folder, StringComparison.Ordinal).Split(' ')]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain(expected.Replace("{state}", StatePath, StringComparison.Ordinal));
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Poll_NoRegion_ExitsTwoNamingTheFlag()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string>(), folder, TestContext.Current.CancellationToken, "poll", "--state", StatePath);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain("No AWS Region: pass --region, set AWS_REGION, or give the AWS profile a region.");
    }

    [Fact]
    public async Task Poll_BadTuningVariable_ExitsTwoNamingTheVariable()
    {
        var result = await CliProcess.RunAsync(Environment(new() { ["MAX_CONCURRENCY"] = "lots" }), folder, TestContext.Current.CancellationToken, "poll", "--state", StatePath);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain("MAX_CONCURRENCY 'lots' must be a whole number");
    }

    [Theory]
    [InlineData("NEPTUNE_NOTIFIER_LOG_LEVEL", "loud", 2, "NEPTUNE_NOTIFIER_LOG_LEVEL 'loud' must be one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("NEPTUNE_NOTIFIER_LOG_LEVEL", "debug", 0, "")]
    [InlineData("LOG_LEVEL", "loud", 0, "")]
    public async Task List_LogLevelVariable_OnlyTheCliOneIsChecked(string variable, string value, int exitCode, string expected)
    {
        await File.WriteAllBytesAsync(StatePath, [], TestContext.Current.CancellationToken);
        var result = await CliProcess.RunAsync(Environment(new() { [variable] = value }), folder, TestContext.Current.CancellationToken, "list", "--state", StatePath);

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.StandardError.ShouldContain(expected);
        AssertNoStackTrace(result);
    }

    // The log level is read before the command line; help, which needs no configuration, answers anyway.
    [Fact]
    public async Task Help_BadLogLevel_StillAnswers()
    {
        var result = await CliProcess.RunAsync(Environment(new() { ["NEPTUNE_NOTIFIER_LOG_LEVEL"] = "loud" }), folder, TestContext.Current.CancellationToken, "poll", "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StandardOutput.ShouldContain("--dry-run");
    }

    [Fact]
    public async Task List_MissingDynamoDbTable_ExitsOneWithMessage()
    {
        var result = await CliProcess.RunAsync(
            Environment(), folder, TestContext.Current.CancellationToken, "list", "--table", "no-such-table");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StandardError.ShouldContain("The DynamoDB state table 'no-such-table' (or its index 'active-index') was not found");
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task TrackAndList_DynamoDbTable_UsesTheTable()
    {
        var table = await cloud.CreateStateTableAsync(TestContext.Current.CancellationToken);
        var taskId = await StartExportAsync();
        var environment = Environment(new() { ["TABLE_NAME"] = table });

        var track = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "track", taskId);
        var list = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "list", "--json");

        track.ExitCode.ShouldBe(0, track.ToString());
        track.StandardOutput.ShouldContain($"now tracked in DynamoDB table {table}");
        list.ExitCode.ShouldBe(0, list.ToString());
        JsonDocument.Parse(list.StandardOutput).RootElement.EnumerateArray().ShouldHaveSingleItem().GetProperty("taskId").GetString().ShouldBe(taskId);
    }

    [Fact]
    public async Task Poll_DynamoDbTableWithoutTopicOrBus_RunsOnlyWithDryRunOrAGivenFolder()
    {
        var table = await cloud.CreateStateTableAsync(TestContext.Current.CancellationToken);
        var taskId = await StartExportAsync();
        var environment = Environment(new() { ["TABLE_NAME"] = table });
        (await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "track", taskId)).ExitCode.ShouldBe(0);

        var refused = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "poll");
        var dryRun = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "poll", "--dry-run");
        var toFolder = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "poll", "--out", OutPath);

        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.StandardError.ShouldContain("--dry-run to look without recording");
        dryRun.ExitCode.ShouldBe(0, dryRun.ToString());
        toFolder.ExitCode.ShouldBe(0, toFolder.ToString());
        toFolder.StandardOutput.ShouldContain(taskId);
        Directory.EnumerateFiles(OutPath, "*", SearchOption.AllDirectories).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Watch_Interrupt_StopsCleanlyAfterTheCurrentCycle()
    {
        var taskId = await StartExportAsync();
        (await RunAsync("track", taskId, "--state", StatePath)).ExitCode.ShouldBe(0);
        await using var watch = await InterruptedWatchAsync(Environment());

        watch.Process.ExitCode.ShouldBe(0, watch.Output);
        watch.StandardOutput.ShouldContain("Cycle:");
        watch.StandardOutput.ShouldContain($"Watching embedded store {StatePath} every 1s;");
        watch.StandardOutput.ShouldContain("INITIALIZING");
        watch.StandardError.ShouldNotContain("   at ");
    }

    // Into a pipe or a file without COLUMNS (bash does not export it; a service has none), as `watch ... >> watch.log`:
    // each line is written whole, so the cycle's summary (longer than 160 characters) stays one line to grep.
    [Fact]
    public async Task Poll_RedirectedWithoutColumns_WritesTheCycleSummaryOnOneLine()
    {
        var taskId = await StartExportAsync();
        (await RunAsync("track", taskId, "--state", StatePath)).ExitCode.ShouldBe(0);

        var poll = await CliProcess.RunAsync(Environment(new() { ["COLUMNS"] = string.Empty }), folder, TestContext.Current.CancellationToken, "poll", "--state", StatePath, "--out", OutPath);

        poll.ExitCode.ShouldBe(0, poll.ToString());
        var summary = poll.StandardOutput.Split('\n').Single(line => line.StartsWith("Cycle:", StringComparison.Ordinal)).TrimEnd();
        summary.Length.ShouldBeGreaterThan(160, summary);
        summary.ShouldMatch(@" alerts in [0-9]+\.[0-9]s\z", poll.StandardOutput);
    }

    // Every listing fails, so a cycle that lists says so on standard error (a warning, the CLI's default level, in one
    // line); the tasks are read either way. poll follows POLL_STRATEGY=list; watch shows progress, which only a read brings.
    [Theory]
    [InlineData("poll", true)]
    [InlineData("watch", false)]
    public async Task PollAndWatch_PollStrategyList_OnlyPollLists(string command, bool lists)
    {
        var taskId = await StartExportAsync();
        (await RunAsync("track", taskId, "--state", StatePath)).ExitCode.ShouldBe(0);
        cloud.Emulator.Control.SetFaults("ListExportTasks", new FaultRule(InternalErrorRate: 1.0));
        var environment = Environment(new() { ["POLL_STRATEGY"] = "list" });
        string output;
        if (command == "poll")
        {
            var result = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, "poll", "--state", StatePath, "--out", OutPath);
            output = result.ToString();
        }
        else
        {
            await using var watch = await InterruptedWatchAsync(environment);
            output = watch.Output;
        }

        output.ShouldContain("INITIALIZING", Case.Sensitive, output);
        output.Contains("Listing the export tasks of graph", StringComparison.Ordinal).ShouldBe(lists, output);
        output.ShouldNotContain("   at ", Case.Sensitive, "a failed call is logged in one line, its exception as type and message");
    }

    [Fact]
    public async Task Help_Root_ListsEveryCommand()
    {
        var result = await RunAsync("--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var command in new[] { "track", "untrack", "list", "poll", "watch", "demo", "--table", "--topic-arn", "--region", "--profile", "--state" })
        {
            result.StandardOutput.ShouldContain(command);
        }
    }

    // At 1000 times real time an export runs its course between two cycles: the one to cancel must still be running.
    [Theory]
    [InlineData("20")]
    [InlineData("1000")]
    public async Task Demo_Speed_NotifiesSuccessFailureCancellationAFailedImportAndAStall(string speed)
    {
        var result = await RunAsync("demo", "--speed", speed, "--out", OutPath);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StandardOutput.ShouldContain("SUCCEEDED");
        result.StandardOutput.ShouldContain("FAILED");
        result.StandardOutput.ShouldContain("CANCELLED");
        Directory.GetFiles(OutPath, "*-SUCCEEDED.email.txt").ShouldHaveSingleItem();
        var failed = Directory.GetFiles(OutPath, "*-FAILED.email.txt").Select(File.ReadAllText).ToList();
        failed.Count.ShouldBe(2, "the failed export and the failed import");
        failed.Count(email => email.Contains("access denied writing to s3://analytics-exports/fraud/", StringComparison.Ordinal)).ShouldBe(1);
        var import = failed.Where(email => email.Contains("Neptune Analytics import task", StringComparison.Ordinal)).ShouldHaveSingleItem();
        import.ShouldContain("malformed CSV header");
        import.ShouldContain("Errors: 1");
        Directory.GetFiles(OutPath, "*-CANCELLED.slack.json").Length.ShouldBe(2, "the cancelled export and the stalled one, cancelled after its alert");
        Directory.GetFiles(OutPath, "*-CANCELLED.event.json").Length.ShouldBe(2);
        File.ReadAllText(Directory.GetFiles(OutPath, "*-EXPORTING-stalled.email.txt").ShouldHaveSingleItem()).ShouldContain("has made no progress since ");
        var entry = Directory.GetFiles(OutPath, "*-CANCELLED.eventbridge.json").Where(path => File.ReadAllText(path).Contains("graph/g-social0001", StringComparison.Ordinal)).ShouldHaveSingleItem();
        var taskId = Path.GetFileName(entry)[5..17];
        var resource = $"arn:aws:neptune-graph:us-east-1:123456789012:export-task/{taskId}";
        result.StandardOutput.ShouldContain($"event: source neptune-notifier, detail-type Neptune Analytics Export Task State Change, resources {resource}");
        using var json = JsonDocument.Parse(File.ReadAllText(entry));
        json.RootElement.GetProperty("Resources").EnumerateArray().Select(r => r.GetString()).ShouldBe([resource, "arn:aws:neptune-graph:us-east-1:123456789012:graph/g-social0001"]);
    }

    private static void AssertNoStackTrace(ProcessResult result)
    {
        result.StandardError.ShouldNotContain("   at ");
        result.StandardOutput.ShouldNotContain("   at ");
        result.StandardError.ShouldNotContain("Exception:");
    }

    private Task<ProcessResult> RunAsync(params string[] args) =>
        CliProcess.RunAsync(Environment(), folder, TestContext.Current.CancellationToken, args);

    private Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var environment = cloud.AwsEnvironment();
        environment["AWS_MAX_ATTEMPTS"] = "2";
        foreach (var (name, value) in extra ?? [])
        {
            environment[name] = value;
        }

        return environment;
    }

    private Task<string> StartExportAsync() => cloud.StartExportAsync("g-orders0001", TestContext.Current.CancellationToken);

    private Task<RunningProcess> InterruptedWatchAsync(Dictionary<string, string> environment) =>
        CliProcess.InterruptedWatchAsync(environment, folder, StatePath, OutPath);
}
