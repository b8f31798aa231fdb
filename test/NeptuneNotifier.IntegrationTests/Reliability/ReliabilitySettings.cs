namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// How big a fault-injection run is and how hostile. The defaults are the short run of the normal test run; the
/// <c>NEPTUNE_NOTIFIER_RELIABILITY_*</c> variables make a longer one on demand (see <c>eng/reliability.sh</c>).
/// </summary>
internal sealed record ReliabilitySettings
{
    public const string SeedVariable = "NEPTUNE_NOTIFIER_RELIABILITY_SEED";
    public const string CyclesVariable = "NEPTUNE_NOTIFIER_RELIABILITY_CYCLES";
    public const string TasksVariable = "NEPTUNE_NOTIFIER_RELIABILITY_TASKS";
    public const string FiguresVariable = "NEPTUNE_NOTIFIER_RELIABILITY_FIGURES";

    /// <summary>Seeds every random choice: steering, faults, crash points, overlap.</summary>
    public int Seed { get; init; } = 20261129;

    /// <summary>Poll cycles to run before the drain (overlapping ones count one each).</summary>
    public int Cycles { get; init; } = 120;

    /// <summary>Export tasks running at once (one graph each, but in a list-then-get run); a finished task is replaced by a new one.</summary>
    public int Tasks { get; init; } = 12;

    /// <summary>True for a FIFO topic (deduplication by MessageDeduplicationId), false for a standard one.</summary>
    public bool FifoTopic { get; init; } = true;

    /// <summary>
    /// True to follow every graph of the run (GRAPH_IDS) and let the cycle's discovery find each new export, instead of
    /// tracking each one explicitly; each graph also gets finished exports from before it was followed (its history).
    /// </summary>
    public bool Discovery { get; init; }

    /// <summary>
    /// True to poll with POLL_STRATEGY=list: the tasks share <see cref="Graphs"/> graphs with a long past, and the
    /// listings are throttled, fail, lag behind GetExportTask and leave tasks out.
    /// </summary>
    public bool ListThenGet { get; init; }

    /// <summary>In a list-then-get run, the graphs the tasks are spread over.</summary>
    public int Graphs { get; init; } = 3;

    /// <summary>In a list-then-get run, the exports each graph finished before the run: listed, never followed.</summary>
    public int PastExportsPerGraph { get; init; } = 120;

    /// <summary>
    /// True to deliver through a second channel, an event bus (<see cref="BusFaults"/>), after SNS: each channel's
    /// delivery is then confirmed on its own, and the oracle judges each channel.
    /// </summary>
    public bool EventBus { get; init; }

    /// <summary>With <see cref="EventBus"/>: share of rounds in which the bus answers every PutEvents with 500 InternalException.</summary>
    public double BusOutageRate { get; init; } = 0.08;

    /// <summary>With <see cref="EventBus"/>: share of rounds in which SNS answers every Publish with 500 InternalError.</summary>
    public double SnsOutageRate { get; init; } = 0.05;

    /// <summary>Share of PutEvents calls answered 200 with the entry failed (FailedEntryCount 1, ThrottlingException).</summary>
    public double BusFailedEntryRate { get; init; } = 0.08;

    /// <summary>Share of PutEvents calls whose connection drops before the bus took the event: the outcome is unknown to the notifier.</summary>
    public double BusDroppedConnectionRate { get; init; } = 0.03;

    /// <summary>Share of PutEvents calls the bus took whose answer is lost (the connection drops): put, but the notifier cannot know it.</summary>
    public double BusLostAnswerRate { get; init; } = 0.03;

    /// <summary>In a discovery run, the most exports a graph finished before it was followed (each graph gets 1 to this many).</summary>
    public int HistoryExportsPerGraph { get; init; } = 2;

    /// <summary>Share of GetExportTask calls (and, in a discovery or list-then-get run, ListExportTasks calls) the emulator answers with 429 ThrottlingException.</summary>
    public double NeptuneThrottleRate { get; init; } = 0.10;

    /// <summary>Share of GetExportTask calls (and, in a discovery or list-then-get run, ListExportTasks calls) the emulator answers with 500 InternalServerException.</summary>
    public double NeptuneInternalErrorRate { get; init; } = 0.05;

    /// <summary>Share of Publish calls the fake SNS answers with 429 Throttled.</summary>
    public double SnsThrottleRate { get; init; } = 0.10;

    /// <summary>Share of Publish calls the fake SNS answers with 500 InternalError.</summary>
    public double SnsInternalErrorRate { get; init; } = 0.05;

    /// <summary>Share of DynamoDB requests failed before they reach the table (500 InternalServerError or 400 throttling).</summary>
    public double DynamoDbErrorRate { get; init; } = 0.04;

    /// <summary>Share of DynamoDB requests applied by the table but answered with 500: the client cannot know it succeeded.</summary>
    public double DynamoDbLostResponseRate { get; init; } = 0.02;

    /// <summary>Share of cycles whose process dies at one of the crash points.</summary>
    public double CrashRate { get; init; } = 0.30;

    /// <summary>Share of rounds that run 2 to 4 cycles at once instead of one.</summary>
    public double OverlapRate { get; init; } = 0.35;

    /// <summary>Retries the SDK makes before a fault reaches the poll cycle.</summary>
    public int SdkRetries { get; init; } = 1;

    /// <summary>The file the figures are written to (JSON), or null.</summary>
    public string? FiguresFile { get; init; }

    /// <summary>The defaults, with seed, cycles, tasks and the figures file taken from the environment when set.</summary>
    public static ReliabilitySettings FromEnvironment(ReliabilitySettings defaults) => defaults with
    {
        Seed = Read(SeedVariable, defaults.Seed, 0, int.MaxValue),
        Cycles = Read(CyclesVariable, defaults.Cycles, 1, 1_000_000),
        Tasks = Read(TasksVariable, defaults.Tasks, 1, 1_000),
        FiguresFile = Environment.GetEnvironmentVariable(FiguresVariable) is { Length: > 0 } path ? path : defaults.FiguresFile,
    };

    private static int Read(string name, int fallback, int min, int max)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name}='{text}' is not a whole number from {min} to {max}.");
    }
}
