namespace NeptuneNotifier.Core.Polling;

/// <summary>How a cycle learns the status of the tasks it polls (POLL_STRATEGY).</summary>
public enum PollStrategy
{
    /// <summary>
    /// Per graph, whichever costs fewer calls: list the graph when its polled tasks outnumber the pages its listing
    /// took last time (or when the cycle lists it anyway, for <c>GRAPH_IDS</c>), else read each task.
    /// </summary>
    Auto,

    /// <summary>List every graph with a polled task, and read only what the listing does not confirm.</summary>
    List,

    /// <summary>Read every task with GetExportTask; a graph is listed only to follow its new exports (<c>GRAPH_IDS</c>).</summary>
    Get,
}
