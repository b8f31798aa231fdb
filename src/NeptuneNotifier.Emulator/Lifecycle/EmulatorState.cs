using System.Text.Json;
using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Emulator.Lifecycle;

internal sealed record StartExportRequest(
    string GraphId,
    string RoleArn,
    string Format,
    string Destination,
    string KmsKeyIdentifier,
    string? ParquetType,
    JsonElement? ExportFilter);

internal sealed record StartImportRequest(
    string GraphId,
    string Source,
    string? Format,
    string? ParquetType,
    string RoleArn,
    JsonElement? ImportOptions);

/// <summary>
/// Graphs and tasks behind one lock. Every read first brings the task's timeline up to the clock, so what a
/// client sees depends only on the clock and the scripted events, never on when a background job last ran.
/// </summary>
internal sealed class EmulatorState
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const long DefaultImportStatements = 2_000_000;

    private readonly Lock gate = new();
    private readonly EmulatorOptions options;
    private readonly EmulatorClock clock;
    private readonly Random idRandom;
    private readonly Dictionary<string, GraphRecord> graphs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExportTaskRecord> exports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImportTaskRecord> imports = new(StringComparer.Ordinal);
    private long sequence;

    public EmulatorState(EmulatorOptions options, EmulatorClock clock)
    {
        this.options = options;
        this.clock = clock;
        idRandom = new Random(options.Seed);
        var scenario = options.Scenario ?? EmulatorScenario.Default;
        foreach (var graph in scenario.Graphs)
        {
            AddGraph(graph);
        }

        foreach (var task in scenario.ExportTasks ?? [])
        {
            var started = StartExport(
                new StartExportRequest(
                    task.GraphId,
                    $"arn:aws:iam::{options.AccountId}:role/NeptuneExport",
                    task.Format,
                    task.Destination,
                    $"arn:aws:kms:{options.Region}:{options.AccountId}:key/00000000-0000-0000-0000-000000000000",
                    ParquetType: null,
                    ExportFilter: null),
                task.TaskId,
                enforceConcurrency: false);
            if (task.FailAtProgress is { } failAt)
            {
                ScriptFailure(started.Task.TaskId, failAt, task.FailureReason ?? "The export failed.");
            }
        }
    }

    public EmulatorClock Clock => clock;

    public GraphRecord AddGraph(ScenarioGraph graph)
    {
        graph.Validate();
        lock (gate)
        {
            if (graphs.ContainsKey(graph.Id))
            {
                throw new ArgumentException($"Graph {graph.Id} already exists.", nameof(graph));
            }

            var record = new GraphRecord(
                ++sequence,
                graph,
                $"arn:aws:neptune-graph:{options.Region}:{options.AccountId}:graph/{graph.Id}",
                $"{graph.Id}.{options.Region}.neptune-graph.amazonaws.com");
            graphs.Add(graph.Id, record);
            return record;
        }
    }

    public bool HasGraph(string graphId)
    {
        lock (gate)
        {
            return graphs.ContainsKey(graphId);
        }
    }

    public Page<GraphRecord> ListGraphs(string? nextToken, int? maxResults)
    {
        lock (gate)
        {
            var after = Paging.Decode(nextToken, "graphs", filter: null);
            return Paging.PageOf(graphs.Values.Select(graph => (graph.Sequence, graph)), after, maxResults, "graphs", filter: null);
        }
    }

    public ExportTaskView StartExport(StartExportRequest request, string? taskId = null, bool enforceConcurrency = true)
    {
        lock (gate)
        {
            var graph = FindGraph(request.GraphId);
            if (enforceConcurrency)
            {
                EnsureCanStart(graph);
            }

            var now = clock.Now;
            var size = graph.Graph.VertexCount + graph.Graph.EdgeCount;
            var timing = options.Timing;
            var working = timing.ExportBase + TimeSpan.FromSeconds(size / timing.ExportElementsPerSecond);
            var timeline = new TaskTimeline(TaskKind.Export, now, Scaled(timing.ExportInitializing, TimeSpan.Zero, working));
            var record = new ExportTaskRecord(
                ++sequence,
                ClaimTaskId(taskId),
                graph.Graph.Id,
                request.RoleArn,
                request.Format,
                request.Destination,
                request.KmsKeyIdentifier,
                request.ParquetType,
                request.ExportFilter,
                graph.Graph.VertexCount,
                graph.Graph.EdgeCount,
                timeline);
            exports.Add(record.TaskId, record);
            return TaskViews.Of(record, now);
        }
    }

    public ExportTaskView GetExport(string taskId)
    {
        lock (gate)
        {
            return TaskViews.Of(FindExport(taskId), clock.Now);
        }
    }

    public Page<ExportTaskView> ListExports(string? graphId, string? nextToken, int? maxResults)
    {
        lock (gate)
        {
            if (graphId is not null)
            {
                FindGraph(graphId);
            }

            var now = clock.Now;
            var after = Paging.Decode(nextToken, "exporttasks", graphId);
            var page = Paging.PageOf(
                exports.Values.Where(task => graphId is null || task.GraphId == graphId).Select(task => (task.Sequence, task)),
                after,
                maxResults,
                "exporttasks",
                graphId);
            return new Page<ExportTaskView>([.. page.Items.Select(task => TaskViews.Of(task, now))], page.NextToken);
        }
    }

    public ExportTaskView CancelExport(string taskId)
    {
        lock (gate)
        {
            var task = FindExport(taskId);
            var now = clock.Now;
            if (!task.Timeline.Cancel(now))
            {
                throw ApiException.Conflict($"Export task {taskId} cannot be cancelled because it is {task.Timeline.Phase}.");
            }

            return TaskViews.Of(task, now);
        }
    }

    public ImportTaskView StartImport(StartImportRequest request)
    {
        lock (gate)
        {
            var graph = FindGraph(request.GraphId);
            EnsureCanStart(graph);
            var now = clock.Now;
            var timing = options.Timing;
            var timeline = new TaskTimeline(TaskKind.Import, now, Scaled(timing.ImportInitializing, timing.ImportAnalyzing, timing.ImportImporting));
            var record = new ImportTaskRecord(
                ++sequence,
                ClaimTaskId(null),
                graph.Graph.Id,
                request.Source,
                request.Format,
                request.ParquetType,
                request.RoleArn,
                request.ImportOptions,
                DefaultImportStatements,
                timeline);
            imports.Add(record.TaskId, record);
            return TaskViews.Of(record, now);
        }
    }

    public ImportTaskView GetImport(string taskId)
    {
        lock (gate)
        {
            return TaskViews.Of(FindImport(taskId), clock.Now);
        }
    }

    public Page<ImportTaskView> ListImports(string? nextToken, int? maxResults)
    {
        lock (gate)
        {
            var now = clock.Now;
            var after = Paging.Decode(nextToken, "importtasks", filter: null);
            var page = Paging.PageOf(imports.Values.Select(task => (task.Sequence, task)), after, maxResults, "importtasks", filter: null);
            return new Page<ImportTaskView>([.. page.Items.Select(task => TaskViews.Of(task, now))], page.NextToken);
        }
    }

    public void ForceStatus(string taskId, string status, string? reason)
    {
        lock (gate)
        {
            var timeline = FindTimelineForControl(taskId);
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
            FindTimelineForControl(taskId).ScriptFailure(atProgress, reason, clock.Now);
        }
    }

    public bool DeleteTask(string taskId)
    {
        lock (gate)
        {
            return exports.Remove(taskId) || imports.Remove(taskId);
        }
    }

    public EmulatedTask? Describe(string taskId)
    {
        lock (gate)
        {
            var now = clock.Now;
            if (exports.TryGetValue(taskId, out var export))
            {
                var view = TaskViews.Of(export, now);
                return new EmulatedTask(
                    taskId,
                    "export",
                    export.GraphId,
                    view.Status,
                    view.StatusReason,
                    view.Details?.ProgressPercentage ?? 0,
                    export.Timeline.ElapsedSecondsAt(now),
                    view.Details?.NumVerticesWritten ?? 0,
                    view.Details?.NumEdgesWritten ?? 0);
            }

            if (imports.TryGetValue(taskId, out var import))
            {
                var view = TaskViews.Of(import, now);
                return new EmulatedTask(
                    taskId,
                    "import",
                    import.GraphId,
                    view.Status,
                    view.StatusReason,
                    view.Details?.ProgressPercentage ?? 0,
                    import.Timeline.ElapsedSecondsAt(now),
                    NumVerticesWritten: null,
                    NumEdgesWritten: null);
            }

            return null;
        }
    }

    private PhaseDurations Scaled(TimeSpan initializing, TimeSpan analyzing, TimeSpan working) =>
        new(initializing / options.Speed, analyzing / options.Speed, working / options.Speed, options.Timing.Cancelling / options.Speed, options.Speed);

    private GraphRecord FindGraph(string graphId) =>
        graphs.TryGetValue(graphId, out var graph) ? graph : throw ApiException.NotFound($"Graph {graphId} not found.");

    private ExportTaskRecord FindExport(string taskId) =>
        exports.TryGetValue(taskId, out var task) ? task : throw ApiException.NotFound($"Export task {taskId} not found.");

    private ImportTaskRecord FindImport(string taskId) =>
        imports.TryGetValue(taskId, out var task) ? task : throw ApiException.NotFound($"Import task {taskId} not found.");

    private TaskTimeline FindTimelineForControl(string taskId) =>
        exports.TryGetValue(taskId, out var export) ? export.Timeline
        : imports.TryGetValue(taskId, out var import) ? import.Timeline
        : throw new KeyNotFoundException($"Task {taskId} does not exist in the emulator.");

    private void EnsureCanStart(GraphRecord graph)
    {
        if (graph.Graph.Status != "AVAILABLE")
        {
            throw ApiException.Conflict($"Graph {graph.Graph.Id} is {graph.Graph.Status}; it must be AVAILABLE.");
        }

        var now = clock.Now;
        var active = exports.Values.Where(task => task.GraphId == graph.Graph.Id).Select(task => task.Timeline)
            .Concat(imports.Values.Where(task => task.GraphId == graph.Graph.Id).Select(task => task.Timeline))
            .Count(timeline =>
            {
                timeline.Advance(now);
                return !TaskStatuses.IsTerminal(timeline.Phase);
            });
        if (active >= options.MaxActiveTasksPerGraph)
        {
            throw ApiException.Conflict($"Graph {graph.Graph.Id} already has {active} task(s) in progress.");
        }
    }

    private string ClaimTaskId(string? requested)
    {
        if (requested is not null)
        {
            if (exports.ContainsKey(requested) || imports.ContainsKey(requested))
            {
                throw new ArgumentException($"Task {requested} already exists.", nameof(requested));
            }

            return requested;
        }

        while (true)
        {
            var id = string.Create(12, idRandom, static (span, random) =>
            {
                span[0] = 't';
                span[1] = '-';
                for (var i = 2; i < span.Length; i++)
                {
                    span[i] = IdAlphabet[random.Next(IdAlphabet.Length)];
                }
            });
            if (!exports.ContainsKey(id) && !imports.ContainsKey(id))
            {
                return id;
            }
        }
    }
}
