namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>
/// The export and import tasks by id, and the ids themselves: unique across both kinds, generated from the seed so a
/// seeded emulator hands out the same ids every run. Each listing (a kind, of one graph or of all) is kept in creation
/// order, so a page is found without scanning the other graphs' tasks. Not thread-safe; <see cref="EmulatorState"/>
/// guards it.
/// </summary>
internal sealed class TaskTable(int seed)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Random idRandom = new(seed);
    private readonly Dictionary<string, TaskRecord> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<(EmulatedTaskKind Kind, string? GraphId), List<TaskRecord>> listings = [];

    /// <summary>The requested id when it is free, else a new random one.</summary>
    /// <exception cref="ArgumentException">The requested id is taken.</exception>
    public string ClaimId(string? requested)
    {
        if (requested is not null)
        {
            if (tasks.ContainsKey(requested))
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
            if (!tasks.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Adds a task created after every task already here (its sequence is the highest).</summary>
    public void Add(TaskRecord task)
    {
        tasks.Add(task.TaskId, task);
        Append(Listing(task.Kind, graphId: null), task);
        Append(Listing(task.Kind, task.GraphId), task);
    }

    /// <summary>The task of that kind; an id of the other kind is as unknown to it as the service's GetExportTask finds an import.</summary>
    public TaskRecord Find(EmulatedTaskKind kind, string taskId) =>
        tasks.TryGetValue(taskId, out var task) && task.Kind == kind ? task : throw EmulatorException.NotFound($"{kind} task {taskId} not found.");

    /// <summary>The task of either kind, or null.</summary>
    public TaskRecord? Get(string taskId) => tasks.GetValueOrDefault(taskId);

    public bool Remove(string taskId)
    {
        if (!tasks.Remove(taskId, out var task))
        {
            return false;
        }

        Listing(task.Kind, graphId: null).Remove(task);
        Listing(task.Kind, task.GraphId).Remove(task);
        return true;
    }

    public IEnumerable<TaskRecord> OfGraph(string graphId) => Listing(EmulatedTaskKind.Export, graphId).Concat(Listing(EmulatedTaskKind.Import, graphId));

    /// <summary>A page of the tasks of one kind, of one graph or of all.</summary>
    public Page<TaskRecord> List(EmulatedTaskKind kind, string? graphId, string? nextToken, int? maxResults)
    {
        var listing = kind == EmulatedTaskKind.Export ? "exporttasks" : "importtasks";
        var after = Paging.Decode(nextToken, listing, graphId);
        return Paging.PageOf(Listing(kind, graphId), task => task.Sequence, after, maxResults, listing, graphId);
    }

    private static void Append(List<TaskRecord> listing, TaskRecord task)
    {
        if (listing.Count > 0 && listing[^1].Sequence >= task.Sequence)
        {
            throw new InvalidOperationException($"Task {task.TaskId} is older than the last task of its listing; listings page in creation order.");
        }

        listing.Add(task);
    }

    private List<TaskRecord> Listing(EmulatedTaskKind kind, string? graphId)
    {
        if (!listings.TryGetValue((kind, graphId), out var listing))
        {
            listings[(kind, graphId)] = listing = [];
        }

        return listing;
    }
}
