namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>The figures of one run: what was done to the notifier and what the oracle found.</summary>
internal sealed record RunFigures(
    ReliabilitySettings Settings,
    int Cycles,
    int Rounds,
    int OverlappingRounds,
    int MaxOverlap,
    int CyclesThatCouldNotLoad,
    int DrainCycles,
    int TasksTracked,
    int Observations,
    int SteeringActions,
    IReadOnlyDictionary<string, int> Faults,
    IReadOnlyDictionary<string, int> Crashes,
    OracleVerdict Verdict,
    TimeSpan WallClock)
{
    /// <summary>Exports finished before their graph was followed (discovery runs only).</summary>
    public int HistoryExports { get; init; }

    /// <summary>Tasks the cycles' discovery started to follow (sum of <c>PollCycleSummary.Discovered</c> of the cycles that finished).</summary>
    public int Discovered { get; init; }

    /// <summary>History exports recorded without a notification (sum of <c>PollCycleSummary.Recorded</c> of the cycles that finished).</summary>
    public int Recorded { get; init; }

    /// <summary>New exports failed the moment they started, so discovery first listed them finished (news, not history).</summary>
    public int QuickFailures { get; init; }

    /// <summary>GetExportTask reads made by discovery of tasks the store had never held.</summary>
    public int DiscoveryReads { get; init; }

    /// <summary>True when the drain's clean cycles brought every task's store item to its status at the service, nothing pending.</summary>
    public bool Settled { get; init; }

    /// <summary>ListExportTasks pages the cycles asked for (sum of <c>PollCycleSummary.ListingPages</c> of the cycles that finished).</summary>
    public int ListingPages { get; init; }

    /// <summary>Tasks a listing showed unchanged, spared a read (sum of <c>PollCycleSummary.Confirmed</c> of the cycles that finished).</summary>
    public int Confirmed { get; init; }

    /// <summary>Times a graph's listing was made to lag (or stop lagging) in a list-then-get run.</summary>
    public int ListingLags { get; init; }

    /// <summary>Times a running task was left out of its graph's next listings in a list-then-get run.</summary>
    public int ListingOmissions { get; init; }

    /// <summary>Calls of the discovery store methods that failed (store faults reaching discovery), by method.</summary>
    public IReadOnlyDictionary<string, int> DiscoveryStoreFailures { get; init; } = new Dictionary<string, int>();

    /// <summary>Deliveries a channel took whose confirmation was never known to be written, by channel.</summary>
    public IReadOnlyDictionary<string, int> UnconfirmedByChannel { get; init; } = new Dictionary<string, int>();

    /// <summary>Deliveries a channel took whose confirmation was never known to be written, over every channel.</summary>
    public int PublishedButNotCleared => UnconfirmedByChannel.Values.Sum();

    /// <summary>Rounds in which the bus (EventBus runs) or SNS was down throughout, by channel.</summary>
    public IReadOnlyDictionary<string, int> OutageRounds { get; init; } = new Dictionary<string, int>();
}
