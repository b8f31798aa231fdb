namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>The emulated account's graphs. Not thread-safe; <see cref="EmulatorState"/> guards it.</summary>
internal sealed class GraphCatalog(EmulatorOptions options, Sequence sequence)
{
    private const string Listing = "graphs";

    private readonly Dictionary<string, GraphRecord> graphs = new(StringComparer.Ordinal);
    private readonly List<GraphRecord> inOrder = [];

    public GraphRecord Add(ScenarioGraph graph)
    {
        if (graphs.ContainsKey(graph.Id))
        {
            throw new ArgumentException($"Graph {graph.Id} already exists.", nameof(graph));
        }

        var record = new GraphRecord(
            sequence.Next(),
            graph,
            $"arn:aws:neptune-graph:{options.Region}:{options.AccountId}:graph/{graph.Id}",
            $"{graph.Id}.{options.Region}.neptune-graph.amazonaws.com");
        graphs.Add(graph.Id, record);
        inOrder.Add(record);
        return record;
    }

    public bool Contains(string graphId) => graphs.ContainsKey(graphId);

    public GraphRecord Find(string graphId) =>
        graphs.TryGetValue(graphId, out var graph) ? graph : throw EmulatorException.NotFound($"Graph {graphId} not found.");

    public Page<GraphRecord> List(string? nextToken, int? maxResults)
    {
        var after = Paging.Decode(nextToken, Listing, filter: null);
        return Paging.PageOf(inOrder, graph => graph.Sequence, after, maxResults, Listing, filter: null);
    }
}

/// <summary>One order for everything the emulator creates, so every listing pages in creation order.</summary>
internal sealed class Sequence
{
    private long last;

    public long Next() => ++last;
}
