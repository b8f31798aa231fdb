namespace NeptuneNotifier.Core.Polling;

/// <summary>What a graph's listing says about one polled task.</summary>
internal enum ListingHint
{
    /// <summary>Listed with its stored status: unchanged, no read needed.</summary>
    Unchanged,

    /// <summary>Listed otherwise, or left out of a whole listing, or listed inconsistently: read it.</summary>
    Read,

    /// <summary>Not seen because the listing failed before its page: read it, as long as such reads of its graph succeed.</summary>
    Unseen,
}

/// <summary>
/// One walk of a graph's export (or import) task listing in a cycle: the entries it read, and whether it reached the
/// last page. Serves both graph discovery and the poll, as a hint: GetExportTask stays the authority
/// for every transition, so the listing only ever spares a read, never makes a notification.
/// </summary>
internal sealed class GraphListing
{
    private readonly Dictionary<string, NeptuneTaskStatus?> statuses;

    private GraphListing(Dictionary<string, NeptuneTaskStatus?> statuses, bool complete, Exception? failure)
    {
        this.statuses = statuses;
        Complete = complete;
        Failure = failure;
    }

    /// <summary>True when the walk read every page, up to one without a next token.</summary>
    public bool Complete { get; }

    /// <summary>Why the walk stopped before the last page; null when it is complete or the cycle's deadline stopped it.</summary>
    public Exception? Failure { get; }

    /// <summary>
    /// The tasks listed as this graph's, with the status listed; null where it is unusable or the listing contradicts
    /// itself. An entry naming another graph is not among them.
    /// </summary>
    public IReadOnlyDictionary<string, NeptuneTaskStatus?> Tasks => statuses;

    /// <summary>
    /// Reads the raw entries of the pages read. A listing that contradicts itself about a task (an entry naming another
    /// graph, the same task twice with different statuses) says nothing about that task: it is left out (another
    /// graph's) or kept without a status, so it is read, not confirmed.
    /// </summary>
    public static GraphListing From(string graphId, IEnumerable<ListedTask?> entries, bool complete, Exception? failure, ILogger logger)
    {
        Dictionary<string, NeptuneTaskStatus?> statuses = new(StringComparer.Ordinal);
        HashSet<string> doubtful = new(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry is null || !TaskIds.IsTaskId(entry.TaskId))
            {
                logger.LogWarning("Graph {GraphId} listed an invalid task id {TaskId}; ignored", graphId, entry?.TaskId);
            }
            else if (entry.GraphId is { Length: > 0 } named && !string.Equals(named, graphId, StringComparison.Ordinal))
            {
                logger.LogWarning("The listing of graph {GraphId} names task {TaskId} as graph {OtherGraphId}'s; the task is read, not taken from the listing", graphId, entry.TaskId, named);
                doubtful.Add(entry.TaskId);
                statuses.Remove(entry.TaskId);
            }
            else if (doubtful.Contains(entry.TaskId))
            {
                continue;
            }
            else if (statuses.TryGetValue(entry.TaskId, out var earlier) && earlier != entry.Status)
            {
                logger.LogWarning("The listing of graph {GraphId} names task {TaskId} twice, {Status} and {OtherStatus}; the task is read", graphId, entry.TaskId, earlier, entry.Status);
                doubtful.Add(entry.TaskId);
                statuses[entry.TaskId] = null;
            }
            else
            {
                statuses[entry.TaskId] = entry.Status;
            }
        }

        return new GraphListing(statuses, complete, failure);
    }

    /// <summary>
    /// What the listing says about <paramref name="task"/>: unchanged only when it lists the task, consistently, with a
    /// known status equal to the stored one. A task it lists otherwise, or leaves out of a complete listing, is read.
    /// </summary>
    public ListingHint HintFor(TrackedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);

        // A task the listing contradicts itself about is absent (another graph's) or listed without a status.
        if (!statuses.TryGetValue(task.TaskId, out var listed))
        {
            return Complete ? ListingHint.Read : ListingHint.Unseen;
        }

        // An unknown status may be spelled differently by the listing than by the read: only a read can tell.
        return listed is { IsKnown: true } status && task.Status == status ? ListingHint.Unchanged : ListingHint.Read;
    }
}
