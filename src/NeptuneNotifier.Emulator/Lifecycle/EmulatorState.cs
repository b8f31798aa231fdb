namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>
/// Graphs and tasks behind one lock. Every read first brings the task's timeline up to the clock, so what a
/// client sees depends only on the clock and the scripted events, never on when a background job last ran.
/// A refusal the service would answer is an <see cref="EmulatorException"/>; misuse of the control surface
/// (an unknown task, a status the task kind does not have) is a <see cref="KeyNotFoundException"/> or an
/// <see cref="ArgumentException"/>.
/// </summary>
internal sealed class EmulatorState
{
    private const long DefaultImportStatements = 2_000_000;

    private readonly Lock gate = new();
    private readonly EmulatorOptions options;
    private readonly EmulatorClock clock;
    private readonly Sequence sequence = new();
    private readonly GraphCatalog graphs;
    private readonly TaskTable tasks;

    public EmulatorState(EmulatorOptions options, EmulatorClock clock)
    {
        this.options = options;
        this.clock = clock;
        graphs = new GraphCatalog(options, sequence);
        tasks = new TaskTable(options.Seed);
        var scenario = options.Scenario ?? EmulatorScenario.Default;
        foreach (var graph in scenario.Graphs)
        {
            AddGraph(graph);
        }

        foreach (var task in scenario.ExportTasks ?? [])
        {
            var started = Start(ScenarioExport(task.GraphId, task.Format, task.Destination), task.TaskId, admit: false);
            if (task.FailAtProgress is { } failAt)
            {
                ScriptFailure(started.Task.TaskId, failAt, task.FailureReason ?? "The export failed.");
            }

            if (task.StallAtProgress is { } stallAt)
            {
                HoldProgress(started.Task.TaskId, stallAt);
            }

            if (task.Slowdown is { } factor)
            {
                SlowDown(started.Task.TaskId, factor);
            }
        }
    }

    public EmulatorClock Clock => clock;

    /// <summary>Adds a graph and the finished exports of its past (<see cref="ScenarioGraph.PastExports"/>).</summary>
    public GraphRecord AddGraph(ScenarioGraph graph)
    {
        graph.Validate();
        lock (gate)
        {
            var record = graphs.Add(graph);
            var request = ScenarioExport(graph.Id, "PARQUET", $"s3://emulated-bucket/exports/{graph.Id}/");
            var (totals, durations) = Plan(EmulatedTaskKind.Export, graph);
            foreach (var timeline in PastExports.Timelines(graph.PastExports, clock.Now, durations))
            {
                tasks.Add(new TaskRecord(sequence.Next(), tasks.ClaimId(requested: null), request, totals, timeline));
            }

            return record;
        }
    }

    public bool HasGraph(string graphId)
    {
        lock (gate)
        {
            return graphs.Contains(graphId);
        }
    }

    public Page<GraphRecord> ListGraphs(string? nextToken, int? maxResults)
    {
        lock (gate)
        {
            return graphs.List(nextToken, maxResults);
        }
    }

    /// <summary>Starts an export or import task on a graph that admits one more (a scenario's tasks skip admission).</summary>
    public TaskView Start(StartTaskRequest request, string? taskId = null, bool admit = true)
    {
        lock (gate)
        {
            var graph = graphs.Find(request.GraphId);
            var now = clock.Now;
            if (admit)
            {
                Admission.EnsureCanStart(graph, tasks.OfGraph(graph.Graph.Id), options.MaxActiveTasksPerGraph, now);
            }

            var (totals, durations) = Plan(request.Kind, graph.Graph);
            var record = new TaskRecord(sequence.Next(), tasks.ClaimId(taskId), request, totals, new TaskTimeline(request.Kind, now, durations));
            tasks.Add(record);
            return TaskViews.Of(record, now);
        }
    }

    public TaskView Get(EmulatedTaskKind kind, string taskId)
    {
        lock (gate)
        {
            return TaskViews.Of(tasks.Find(kind, taskId), clock.Now);
        }
    }

    /// <summary>
    /// A page of a listing as <paramref name="quirks"/> shape it: a task left out is missing from its page (which
    /// then holds fewer than <paramref name="maxResults"/> entries), a lagging task shows an earlier status.
    /// </summary>
    public Page<TaskView> List(EmulatedTaskKind kind, string? graphId, string? nextToken, int? maxResults, ListingQuirks? quirks = null)
    {
        lock (gate)
        {
            if (graphId is not null)
            {
                graphs.Find(graphId);
            }

            var now = clock.Now;
            var page = tasks.List(kind, graphId, nextToken, maxResults);
            var views = new List<TaskView>(page.Items.Count);
            foreach (var task in page.Items)
            {
                if (quirks?.TakeOmission(task.TaskId) == true)
                {
                    continue;
                }

                var view = TaskViews.Of(task, now);
                var lag = quirks?.LagOf(task.TaskId, task.GraphId) ?? TimeSpan.Zero;
                if ((lag == TimeSpan.Zero ? view : TaskViews.AsListedAt(view, now - lag)) is { } listed)
                {
                    views.Add(listed);
                }
            }

            return new Page<TaskView>(views, page.NextToken);
        }
    }

    public TaskView Cancel(EmulatedTaskKind kind, string taskId)
    {
        lock (gate)
        {
            var task = tasks.Find(kind, taskId);
            var now = clock.Now;
            if (!task.Timeline.Cancel(now))
            {
                throw EmulatorException.Conflict($"{kind} task {taskId} cannot be cancelled because it is {task.Timeline.Phase}.");
            }

            return TaskViews.Of(task, now);
        }
    }

    public void ForceStatus(string taskId, string status, string? reason)
    {
        lock (gate)
        {
            var timeline = TimelineForControl(taskId);
            var allowed = TaskStatuses.For(timeline.Kind);
            if (!allowed.Contains(status))
            {
                throw new ArgumentException(
                    $"Status '{status}' is not a {timeline.Kind.ToString().ToLowerInvariant()} task status; use one of {string.Join(", ", allowed)}.",
                    nameof(status));
            }

            timeline.Force(status, clock.Now, reason);
        }
    }

    public void ScriptFailure(string taskId, double atProgress, string reason)
    {
        if (atProgress is < 0 or > 100 || double.IsNaN(atProgress))
        {
            throw new ArgumentOutOfRangeException(nameof(atProgress), atProgress, "A failure's progress must be between 0 and 100.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A scripted failure needs a reason: it becomes the task's statusReason.", nameof(reason));
        }

        lock (gate)
        {
            TimelineForControl(taskId).ScriptFailure(atProgress, reason, clock.Now);
        }
    }

    public void HoldProgress(string taskId, int? atProgress)
    {
        if (atProgress is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(atProgress), atProgress, "A stall's progress must be between 0 and 100.");
        }

        lock (gate)
        {
            TimelineForControl(taskId).HoldProgress(atProgress, clock.Now);
        }
    }

    public void ResumeProgress(string taskId)
    {
        lock (gate)
        {
            TimelineForControl(taskId).ResumeProgress(clock.Now);
        }
    }

    public void SlowDown(string taskId, double factor)
    {
        if (!(factor is >= 1 and <= 1_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A slowdown factor must be between 1 and 1000000.");
        }

        lock (gate)
        {
            TimelineForControl(taskId).SlowDown(factor, clock.Now);
        }
    }

    public bool DeleteTask(string taskId)
    {
        lock (gate)
        {
            return tasks.Remove(taskId);
        }
    }

    public EmulatedTask? Describe(string taskId)
    {
        lock (gate)
        {
            if (tasks.Get(taskId) is not { } task)
            {
                return null;
            }

            var now = clock.Now;
            var view = TaskViews.Of(task, now);
            var export = task.Kind == EmulatedTaskKind.Export;
            return new EmulatedTask(
                taskId,
                export ? "export" : "import",
                task.GraphId,
                view.Status,
                view.StatusReason,
                view.Progress?.ProgressPercentage ?? 0,
                task.Timeline.ElapsedSecondsAt(now),
                export ? view.Progress?.NumVerticesWritten ?? 0 : null,
                export ? view.Progress?.NumEdgesWritten ?? 0 : null);
        }
    }

    /// <summary>An export the emulator starts itself (a scenario's), with the account's role and a fixed key.</summary>
    private StartTaskRequest ScenarioExport(string graphId, string format, string destination) => StartTaskRequest.ForExport(
        graphId,
        $"arn:aws:iam::{options.AccountId}:role/NeptuneExport",
        format,
        destination,
        $"arn:aws:kms:{options.Region}:{options.AccountId}:key/00000000-0000-0000-0000-000000000000",
        parquetType: null,
        exportFilter: null);

    // An export's work grows with the graph (a base time plus its vertices and edges); an import's is fixed.
    private (WorkTotals Totals, PhaseDurations Durations) Plan(EmulatedTaskKind kind, ScenarioGraph graph)
    {
        var timing = options.Timing;
        if (kind == EmulatedTaskKind.Export)
        {
            var working = timing.ExportBase + TimeSpan.FromSeconds((graph.VertexCount + graph.EdgeCount) / timing.ExportElementsPerSecond);
            return (new WorkTotals(graph.VertexCount, graph.EdgeCount, Statements: 0), Scaled(timing.ExportInitializing, TimeSpan.Zero, working));
        }

        return (new WorkTotals(Vertices: 0, Edges: 0, DefaultImportStatements), Scaled(timing.ImportInitializing, timing.ImportAnalyzing, timing.ImportImporting));
    }

    private PhaseDurations Scaled(TimeSpan initializing, TimeSpan analyzing, TimeSpan working) =>
        new(initializing / options.Speed, analyzing / options.Speed, working / options.Speed, options.Timing.Cancelling / options.Speed, options.Speed);

    private TaskTimeline TimelineForControl(string taskId) =>
        tasks.Get(taskId)?.Timeline ?? throw UnknownTask(taskId);

    /// <summary>The error of a control action on a task the emulator does not have (404 over the control routes).</summary>
    internal static KeyNotFoundException UnknownTask(string taskId) => new($"Task {taskId} does not exist in the emulator.");
}
