using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Emulator;

/// <summary>What an emulator starts with: graphs, and optionally export tasks already running.</summary>
/// <param name="Graphs">Graphs to create; their sizes drive export durations and counters.</param>
/// <param name="ExportTasks">Export tasks started when the emulator starts.</param>
public sealed record EmulatorScenario(IReadOnlyList<ScenarioGraph> Graphs, IReadOnlyList<ScenarioExportTask>? ExportTasks = null)
{
    /// <summary>Two available graphs of different sizes, used when no scenario is given.</summary>
    public static EmulatorScenario Default { get; } = new(
    [
        new ScenarioGraph("g-orders0001", "orders-graph", VertexCount: 1_200_000, EdgeCount: 4_800_000),
        new ScenarioGraph("g-social0001", "social-graph", VertexCount: 250_000, EdgeCount: 1_750_000),
    ]);

    /// <summary>Reads a scenario file; a malformed file throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static async Task<EmulatorScenario> LoadAsync(string path, CancellationToken cancellationToken)
    {
        EmulatorScenario? scenario;
        try
        {
            await using var stream = File.OpenRead(path);
            scenario = await JsonSerializer.DeserializeAsync(stream, ControlJsonContext.Default.EmulatorScenario, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw Invalid(path, exception);
        }

        if (scenario is null)
        {
            throw new InvalidDataException($"Scenario file {path} is empty (null).");
        }

        try
        {
            scenario.Validate();
        }
        catch (ArgumentException exception)
        {
            throw Invalid(path, exception);
        }

        return scenario;

        static InvalidDataException Invalid(string path, Exception exception) => new($"Scenario file {path} is not valid: {exception.Message}", exception);
    }

    internal void Validate()
    {
        if (Graphs is null)
        {
            throw new ArgumentException("A scenario needs a \"graphs\" list (it may be empty).", nameof(Graphs));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var graph in Graphs)
        {
            graph.Validate();
            if (!ids.Add(graph.Id))
            {
                throw new ArgumentException($"Graph {graph.Id} appears twice in the scenario.", nameof(Graphs));
            }
        }

        foreach (var task in ExportTasks ?? [])
        {
            task.Validate();
            if (!ids.Contains(task.GraphId))
            {
                throw new ArgumentException($"Export task for graph {task.GraphId}: the scenario has no such graph.", nameof(ExportTasks));
            }
        }
    }
}

/// <summary>A graph the emulator serves.</summary>
/// <param name="Id">Graph id, <c>g-[a-z0-9]{10}</c>.</param>
/// <param name="Name">Graph name, as the model's GraphName pattern allows.</param>
/// <param name="VertexCount">Vertices an export of this graph writes.</param>
/// <param name="EdgeCount">Edges an export of this graph writes.</param>
/// <param name="Status">GraphStatus; exports need AVAILABLE.</param>
/// <param name="ProvisionedMemory">m-NCUs, 16 to 24576.</param>
/// <param name="MalformedExportEntries">Entries added verbatim before the real ones on the first page of the graph's ListExportTasks listing.</param>
/// <param name="PastExports">Finished exports from before the graph was added, listed before its other tasks (0 to 10,000).</param>
/// <param name="ListingLagSeconds">ListExportTasks lists the graph's tasks with the status they had this many seconds earlier.</param>
public sealed record ScenarioGraph(
    string Id,
    string Name,
    long VertexCount = 100_000,
    long EdgeCount = 400_000,
    string Status = "AVAILABLE",
    int ProvisionedMemory = 128,
    IReadOnlyList<JsonElement>? MalformedExportEntries = null,
    int PastExports = 0,
    double? ListingLagSeconds = null)
{
    /// <summary>The most past exports one graph may start with.</summary>
    public const int MaxPastExports = 10_000;

    internal static IReadOnlyList<string> Statuses { get; } =
        ["CREATING", "AVAILABLE", "DELETING", "RESETTING", "UPDATING", "SNAPSHOTTING", "FAILED", "IMPORTING", "STARTING", "STOPPING", "STOPPED"];

    internal void Validate()
    {
        if (Id is null || !ModelPatterns.GraphId().IsMatch(Id))
        {
            throw new ArgumentException($"Graph id '{Id}' does not match g-[a-z0-9]{{10}}.", nameof(Id));
        }

        if (Name is null || Name.Length is < 1 or > 63 || !ModelPatterns.GraphName().IsMatch(Name))
        {
            throw new ArgumentException($"Graph {Id}: name '{Name}' does not match the GraphName pattern {ModelPatterns.GraphNameText}, 1 to 63 characters.", nameof(Name));
        }

        if (VertexCount < 0 || EdgeCount < 0)
        {
            throw new ArgumentException($"Graph {Id}: vertexCount and edgeCount must not be negative.", nameof(VertexCount));
        }

        if (!Statuses.Contains(Status))
        {
            throw new ArgumentException($"Graph {Id}: status '{Status}' is not one of {string.Join(", ", Statuses)}.", nameof(Status));
        }

        if (ProvisionedMemory is < 16 or > 24576)
        {
            throw new ArgumentException($"Graph {Id}: provisionedMemory {ProvisionedMemory} is outside 16..24576.", nameof(ProvisionedMemory));
        }

        if (PastExports is < 0 or > MaxPastExports)
        {
            throw new ArgumentException($"Graph {Id}: pastExports {PastExports} is outside 0..{MaxPastExports}.", nameof(PastExports));
        }

        ListingLag.Check(ListingLagSeconds, $"Graph {Id}");
    }
}

/// <summary>An export task that is already running when the emulator starts.</summary>
/// <param name="GraphId">The graph it exports.</param>
/// <param name="Destination">The S3 URI it reports.</param>
/// <param name="Format">PARQUET or CSV.</param>
/// <param name="TaskId">A fixed task id, or null for a generated one.</param>
/// <param name="FailAtProgress">When set, the task fails on reaching this percentage.</param>
/// <param name="FailureReason">The statusReason of that failure.</param>
/// <param name="Sparse">GetExportTask and ListExportTasks answer only taskId, graphId, status and statusReason (needs <paramref name="TaskId"/>).</param>
/// <param name="ListingLagSeconds">ListExportTasks lists the task with the status it had this many seconds earlier (needs <paramref name="TaskId"/>).</param>
/// <param name="OmitFromListing">ListExportTasks leaves the task out (needs <paramref name="TaskId"/>); GetExportTask still answers.</param>
/// <param name="StallAtProgress">When set, the task's progress stops at this percentage and it keeps running (a stall).</param>
/// <param name="Slowdown">When set (1 or more), the task's work takes this many times as long as planned (a task that runs long).</param>
public sealed record ScenarioExportTask(
    string GraphId,
    string Destination = "s3://emulated-bucket/exports/",
    string Format = "PARQUET",
    string? TaskId = null,
    int? FailAtProgress = null,
    string? FailureReason = null,
    bool Sparse = false,
    double? ListingLagSeconds = null,
    ListingOmission? OmitFromListing = null,
    int? StallAtProgress = null,
    double? Slowdown = null)
{
    internal void Validate()
    {
        if (TaskId is null && (Sparse || ListingLagSeconds is not null || OmitFromListing is not null))
        {
            throw new ArgumentException("A sparse, lagging or omitted export task needs a fixed taskId, so tests know which task it is.", nameof(TaskId));
        }

        ListingLag.Check(ListingLagSeconds, $"Export task {TaskId}");
        if (OmitFromListing is { Listings: < 1 })
        {
            throw new ArgumentException($"Export task {TaskId}: omitFromListing.listings must be at least 1, or absent to omit until cleared.", nameof(OmitFromListing));
        }

        if (TaskId is not null && !ModelPatterns.TaskId().IsMatch(TaskId))
        {
            throw new ArgumentException($"Export task id '{TaskId}' does not match t-[a-z0-9]{{10}}.", nameof(TaskId));
        }

        if (Format is not ("PARQUET" or "CSV"))
        {
            throw new ArgumentException($"Export task format '{Format}' is not PARQUET or CSV.", nameof(Format));
        }

        if (string.IsNullOrEmpty(Destination) || Destination.Length > 1024)
        {
            throw new ArgumentException("Export task destination must be 1 to 1024 characters.", nameof(Destination));
        }

        if (StallAtProgress is < 0 or > 100)
        {
            throw new ArgumentException($"Export task stallAtProgress {StallAtProgress} is outside 0..100.", nameof(StallAtProgress));
        }

        if (Slowdown is { } factor && !(factor is >= 1 and <= 1_000_000))
        {
            throw new ArgumentException($"Export task slowdown {factor} is outside 1..1000000.", nameof(Slowdown));
        }

        if (FailAtProgress is < 0 or > 100)
        {
            throw new ArgumentException($"Export task failAtProgress {FailAtProgress} is outside 0..100.", nameof(FailAtProgress));
        }
    }
}

/// <summary>Leaves a task out of ListExportTasks.</summary>
/// <param name="Listings">How many listing pages that would carry the task leave it out; null leaves it out until cleared.</param>
public sealed record ListingOmission(int? Listings = null);

/// <summary>Checks a listing lag given in seconds, as scenario files and the control API give it.</summary>
internal static class ListingLag
{
    public static TimeSpan Check(double? seconds, string owner)
    {
        if (seconds is null)
        {
            return TimeSpan.Zero;
        }

        if (!(seconds >= 0) || seconds > ListingQuirks.MaxLag.TotalSeconds)
        {
            throw new ArgumentException($"{owner}: a listing lag of {seconds} seconds is outside 0..{ListingQuirks.MaxLag.TotalSeconds}.", nameof(seconds));
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }
}
