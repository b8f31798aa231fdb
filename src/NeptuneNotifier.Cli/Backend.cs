using NeptuneNotifier.Aws.Http;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Cli.State;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

/// <summary>
/// The adapters a command works with, chosen from flags and environment: the embedded store with --state, else
/// DynamoDB; SNS when a topic is set and EventBridge when a bus is set (both when both are), else notifications
/// written to a folder; Neptune Analytics through our client.
/// </summary>
/// <param name="Channel">A channel notifications go to.</param>
/// <param name="Description">Where it delivers, for the operator ("SNS topic arn:...").</param>
internal sealed record DescribedChannel(DeliveryChannel Channel, string Description);

/// <summary>What a command needs of the backend besides a store.</summary>
[Flags]
internal enum BackendNeeds
{
    /// <summary>A store to read and write.</summary>
    Store = 0,

    /// <summary>Neptune Analytics, to look tasks up or poll them.</summary>
    Source = 1,

    /// <summary>The channels notifications go to.</summary>
    Channel = 2,

    /// <summary>The store for reading only: the embedded store is read without writing to its file or folder.</summary>
    ReadOnlyStore = 4,
}

/// <inheritdoc cref="DescribedChannel"/>
internal sealed partial class Backend : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private readonly List<IDisposable> clients = [];
    private ServiceClientFactory? aws;

    private Backend(ITaskStateStore store, string storeDescription, PollCycleOptions cycle, string region)
    {
        Store = store;
        StoreDescription = storeDescription;
        Cycle = cycle;
        Region = region;
    }

    public ITaskStateStore Store { get; }

    public string StoreDescription { get; }

    public PollCycleOptions Cycle { get; }

    public string Region { get; }

    public IExportTaskSource? Source { get; private set; }

    /// <summary>The channels every notification goes to, in delivery order; empty when the command delivers nothing.</summary>
    public IReadOnlyList<DescribedChannel> Channels { get; private set; } = [];

    /// <summary>Where notifications go, in one phrase.</summary>
    public string ChannelDescription => string.Join(" and ", Channels.Select(c => c.Description));

    /// <summary>Renders notifications for the console, as the channels render them.</summary>
    public NotificationRenderer? Renderer { get; private set; }

    /// <summary>Builds the event a bus gets for each notification, when a channel puts one (on a bus, or into the folder); else null.</summary>
    public LocalEventEntries? EventEntries { get; private set; }

    /// <summary>
    /// For the commands that read or remove (<c>list</c>, <c>untrack</c>): a <c>--state</c> file that does not exist is
    /// a mistyped path, as a missing <c>--table</c> is, not a new store to create empty.
    /// </summary>
    public static void RequireExistingState(ParseResult parse)
    {
        if (parse.GetValue(CliOptions.State) is { } path && !File.Exists(path))
        {
            throw new CliFailureException($"No embedded store at {Path.GetFullPath(path)}: check --state (track, poll and watch create the file; list and untrack read it).");
        }
    }

    /// <summary>Opens the store, and the source and channel when the command needs them.</summary>
    public static async Task<Backend> OpenAsync(ParseResult parse, CliContext context, BackendNeeds needs, CancellationToken cancellationToken)
    {
        var (needsSource, needsChannel) = (needs.HasFlag(BackendNeeds.Source), needs.HasFlag(BackendNeeds.Channel));

        // The flags win over the environment, and the AWS profile's region comes last; every value is checked before
        // anything is opened.
        var profileFlag = parse.GetValue(CliOptions.Profile) is { Length: > 0 } named ? named : null;
        var profile = AwsProfile.Resolve(profileFlag, context.Environment);
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [SettingDefinitions.TableName.Variable] = parse.GetValue(CliOptions.Table),
            [SettingDefinitions.TopicArn.Variable] = parse.GetValue(CliOptions.TopicArn),
            [SettingDefinitions.EventBusName.Variable] = parse.GetValue(CliOptions.EventBus),
            [SettingDefinitions.Region.Variable] = parse.GetValue(CliOptions.Region),
        };
        var settings = SettingValues.Read(context.Environment, overrides);
        if (settings.Region is null && profile.Region is not null)
        {
            overrides[SettingDefinitions.Region.Variable] = profile.Region;
            settings = SettingValues.Read(context.Environment, overrides);
        }

        var (table, topicArn, eventBus, region, cycle, requestTimeout) = settings;
        var statePath = parse.GetValue(CliOptions.State);
        if (profileFlag is not null)
        {
            // Whatever else the SDK reads from a profile follows the flag too.
            Environment.SetEnvironmentVariable("AWS_PROFILE", profileFlag);
        }

        if (statePath is null && table is null)
        {
            throw new CliUsageException($"No state store: pass --table (or set {SettingDefinitions.TableName.Variable}) for DynamoDB, or --state <file> for the embedded store.");
        }

        var outFolder = parse.GetValue(CliOptions.Out);
        if (needsChannel && statePath is null && topicArn is null && eventBus is null && outFolder is null && !parse.GetValue(CliOptions.DryRun))
        {
            // A cycle records each notification it delivers in the store, and the deployed function reads the same table:
            // one delivered to a folder by default here would never reach the stack's subscribers.
            throw new CliUsageException(
                $"No SNS topic or event bus to notify for DynamoDB table {table}: a cycle records each notification it delivers in the table, so the function polling it would never send one this command writes to a folder. " +
                "Pass the topic and bus the function has (--topic-arn, --event-bus), --dry-run to look without recording, or --out <folder> to take the notifications into a folder on purpose.");
        }

        var needsAws = statePath is null || needsSource || (needsChannel && (topicArn is not null || eventBus is not null));
        if (needsAws && region is null)
        {
            throw new CliUsageException($"No AWS Region: pass --region, set {SettingDefinitions.Region.Variable}, or give the AWS profile a region.");
        }

        var aws = needsAws ? CreateAws(region!, requestTimeout, profile.Credentials) : null;
        List<IAsyncDisposable> owned = [];
        List<IDisposable> clients = [];
        ITaskStateStore store;
        string storeDescription;
        if (statePath is not null)
        {
            var sqlite = needs.HasFlag(BackendNeeds.ReadOnlyStore)
                ? SqliteTaskStateStore.OpenReadOnly(statePath, context.TimeProvider)
                : await SqliteTaskStateStore.OpenAsync(statePath, context.TimeProvider, cancellationToken);
            owned.Add(sqlite);
            (store, storeDescription) = (sqlite, $"embedded store {sqlite.Path}");
        }
        else
        {
            (store, storeDescription) = (CreateDynamoDbStore(aws!, table!, clients), $"DynamoDB table {table} in {region}");
        }

        var backend = new Backend(store, storeDescription, cycle, region ?? "us-east-1") { aws = aws };
        backend.owned.AddRange(owned);
        backend.clients.AddRange(clients);
        if (needsSource)
        {
            backend.Source = backend.CreateNeptuneSource();
        }

        if (needsChannel)
        {
            backend.Renderer = new NotificationRenderer(new NotificationOptions(backend.Region));
            backend.Channels = backend.CreateChannels(topicArn, eventBus, outFolder);
        }

        return backend;
    }

    /// <summary>A backend over given parts, for the demo: notifications go to <paramref name="local"/>; it owns <paramref name="owned"/> and <paramref name="clients"/>.</summary>
    public static Backend Over(
        ITaskStateStore store, string storeDescription, IExportTaskSource source, LocalNotificationChannel local,
        PollCycleOptions cycle, string region, IEnumerable<IAsyncDisposable> owned, IEnumerable<IDisposable> clients)
    {
        var backend = new Backend(store, storeDescription, cycle, region)
        {
            Source = source,
            Channels = [new(new DeliveryChannel(LocalNotificationChannel.Name, local), $"folder {local.Folder}")],
            Renderer = new NotificationRenderer(new NotificationOptions(region)),
            EventEntries = local.Entries,
        };
        backend.owned.AddRange(owned);
        backend.clients.AddRange(clients);
        return backend;
    }

    // SNS first, then EventBridge: the order every notification is delivered in. The events' ARNs need the tasks'
    // account, which the CLI takes from the bus ARN, else the topic ARN, and never guesses.
    private List<DescribedChannel> CreateChannels(string? topicArn, string? eventBus, string? outFolder)
    {
        var account = ArnAccount.Of(eventBus) ?? ArnAccount.Of(topicArn);
        List<DescribedChannel> channels = [];
        if (topicArn is not null)
        {
            channels.Add(new(new DeliveryChannel(DeliveryChannel.Sns, CreateSnsChannel(topicArn, Renderer!)), $"SNS topic {topicArn}"));
        }

        if (eventBus is not null)
        {
            var known = account ?? throw new CliUsageException(
                $"{SettingDefinitions.EventBusName.Variable} '{eventBus}' is a bus name and no topic ARN is set, so the account for the events' resource ARNs is not known: give the bus as an ARN (arn:<partition>:events:<region>:<account>:event-bus/{eventBus}).");
            channels.Add(new(new DeliveryChannel(DeliveryChannel.EventBridge, CreateEventBridgeChannel(eventBus, Renderer!, known)), $"event bus {eventBus}"));
            EventEntries = new LocalEventEntries(Region, known);
        }

        if (channels.Count == 0)
        {
            var local = new LocalNotificationChannel(outFolder ?? "notifications", Region, new LocalEventEntries(Region, account));
            channels.Add(new(new DeliveryChannel(LocalNotificationChannel.Name, local), $"folder {local.Folder} (no SNS topic or event bus set)"));
            EventEntries = local.Entries;
        }

        return channels;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in owned)
        {
            await resource.DisposeAsync();
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
