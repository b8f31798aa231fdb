namespace NeptuneNotifier.Emulator;

/// <summary>How an emulator instance listens, what it starts with, and how fast its tasks progress.</summary>
/// <param name="Port">Loopback TCP port; 0 picks a free one.</param>
/// <param name="Speed">Lifecycle speed factor: 60 makes a one-minute export finish in one second.</param>
/// <param name="Scenario">Graphs (and optional tasks) to start with; null seeds the default graphs.</param>
/// <param name="Credentials">When set, every request must carry a valid SigV4 signature made with these credentials.</param>
/// <param name="Seed">Seed for task identifiers and random fault injection, so runs are repeatable.</param>
public sealed record EmulatorOptions(
    int Port = 0,
    double Speed = 1,
    EmulatorScenario? Scenario = null,
    EmulatorCredentials? Credentials = null,
    int Seed = EmulatorOptions.DefaultSeed)
{
    /// <summary>The seed of a run that names none.</summary>
    public const int DefaultSeed = 20231129;

    /// <summary>The region an emulator runs in unless told otherwise.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>The account an emulator's graphs are in unless told otherwise: the documentation's example account.</summary>
    public const string DefaultAccountId = "123456789012";

    /// <summary>The region in graph ARNs and the one signatures must be scoped to when <see cref="Credentials"/> is set.</summary>
    public string Region { get; init; } = DefaultRegion;

    /// <summary>The account in graph ARNs.</summary>
    public string AccountId { get; init; } = DefaultAccountId;

    /// <summary>How many non-terminal tasks (export or import) a graph may run at once; one more answers ConflictException.</summary>
    public int MaxActiveTasksPerGraph { get; init; } = 1;

    /// <summary>Writes one console line per request, for watching a demo or a client from the outside.</summary>
    public bool LogRequests { get; init; }

    /// <summary>Nominal phase durations at speed 1.</summary>
    public EmulatorTiming Timing { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port must be between 0 and 65535, got {Port}.", nameof(Port));
        }

        if (!(Speed > 0) || double.IsInfinity(Speed))
        {
            throw new ArgumentException($"Speed must be a positive finite number, got {Speed}.", nameof(Speed));
        }

        if (MaxActiveTasksPerGraph < 1)
        {
            throw new ArgumentException($"MaxActiveTasksPerGraph must be at least 1, got {MaxActiveTasksPerGraph}.", nameof(MaxActiveTasksPerGraph));
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("Region must not be empty.", nameof(Region));
        }

        if (AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"AccountId must be 12 digits, got '{AccountId}'.", nameof(AccountId));
        }

        Timing.Validate();
        Credentials?.Validate();
        Scenario?.Validate();
    }
}

/// <summary>Credentials the SigV4 verifier accepts. A request signed with another key or secret is refused with 403.</summary>
/// <param name="AccessKeyId">The access key id clients sign with.</param>
/// <param name="SecretAccessKey">The matching secret.</param>
/// <param name="SessionToken">When set, requests must carry this <c>X-Amz-Security-Token</c>.</param>
public sealed record EmulatorCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccessKeyId) || string.IsNullOrEmpty(SecretAccessKey))
        {
            throw new ArgumentException("Credentials need a non-empty AccessKeyId and SecretAccessKey.", nameof(AccessKeyId));
        }
    }

    /// <summary>Keeps the secret out of logs and test output.</summary>
    public override string ToString() => $"EmulatorCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "none" : "set")} }}";
}

/// <summary>Nominal durations of each lifecycle phase at speed 1; exports also take longer for bigger graphs.</summary>
public sealed record EmulatorTiming
{
    /// <summary>Time an export spends in INITIALIZING.</summary>
    public TimeSpan ExportInitializing { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fixed part of the time an export spends in EXPORTING.</summary>
    public TimeSpan ExportBase { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Elements (vertices plus edges) exported per second on top of <see cref="ExportBase"/>.</summary>
    public double ExportElementsPerSecond { get; init; } = 100_000;

    /// <summary>Time an import spends in INITIALIZING.</summary>
    public TimeSpan ImportInitializing { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time an import spends in ANALYZING_DATA.</summary>
    public TimeSpan ImportAnalyzing { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Time an import spends in IMPORTING.</summary>
    public TimeSpan ImportImporting { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Time a cancelled task spends in CANCELLING.</summary>
    public TimeSpan Cancelling { get; init; } = TimeSpan.FromSeconds(15);

    internal void Validate()
    {
        Check(ExportInitializing, nameof(ExportInitializing));
        Check(ExportBase, nameof(ExportBase));
        Check(ImportInitializing, nameof(ImportInitializing));
        Check(ImportAnalyzing, nameof(ImportAnalyzing));
        Check(ImportImporting, nameof(ImportImporting));
        Check(Cancelling, nameof(Cancelling));
        if (!(ExportElementsPerSecond > 0))
        {
            throw new ArgumentException($"Timing.ExportElementsPerSecond must be positive, got {ExportElementsPerSecond}.", nameof(ExportElementsPerSecond));
        }
    }

    private static void Check(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"Timing.{name} must not be negative, got {value}.", name);
        }
    }
}
