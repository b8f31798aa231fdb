using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Cli.State;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Cli;

/// <summary>
/// The adapters a command works with, chosen from flags and environment: the embedded store with --state, else
/// DynamoDB; SNS when a topic is set, else notifications written to a folder; Neptune Analytics through our client.
/// </summary>
internal sealed partial class Backend : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private readonly List<IDisposable> clients = [];

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

    public INotificationChannel? Channel { get; private set; }

    public string ChannelDescription { get; private set; } = string.Empty;

    /// <summary>Renders notifications for the console, as the channel renders them.</summary>
    public NotificationRenderer? Renderer { get; private set; }

    /// <summary>Opens the store, and the source and channel when the command needs them.</summary>
    public static async Task<Backend> OpenAsync(ParseResult parse, CliContext context, bool needsSource, bool needsChannel, CancellationToken cancellationToken)
    {
        // The flags win over the environment; every value is checked before anything is opened.
        var settings = SettingValues.Read(context.Environment, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [SettingDefinitions.TableName.Variable] = parse.GetValue(CliOptions.Table),
            [SettingDefinitions.TopicArn.Variable] = parse.GetValue(CliOptions.TopicArn),
            [SettingDefinitions.Region.Variable] = parse.GetValue(CliOptions.Region),
        });
        var (table, topicArn, region, cycle, requestTimeout) = settings;
        var statePath = parse.GetValue(CliOptions.State);
        if (parse.GetValue(CliOptions.Profile) is { Length: > 0 } profile)
        {
            // The SDK's credential chain reads the profile name from here.
            Environment.SetEnvironmentVariable("AWS_PROFILE", profile);
        }

        if (statePath is null && table is null)
        {
            throw new CliUsageException($"No state store: pass --table (or set {SettingDefinitions.TableName.Variable}) for DynamoDB, or --state <file> for the embedded store.");
        }

        var needsAws = statePath is null || needsSource || (needsChannel && topicArn is not null);
        if (needsAws && region is null)
        {
            throw new CliUsageException($"No AWS Region: pass --region or set {SettingDefinitions.Region.Variable}.");
        }

        List<IAsyncDisposable> owned = [];
        List<IDisposable> clients = [];
        ITaskStateStore store;
        string storeDescription;
        if (statePath is not null)
        {
            var sqlite = await SqliteTaskStateStore.OpenAsync(statePath, context.TimeProvider, cancellationToken);
            owned.Add(sqlite);
            (store, storeDescription) = (sqlite, $"embedded store {sqlite.Path}");
        }
        else
        {
            (store, storeDescription) = (CreateDynamoDbStore(table!, region!, requestTimeout, clients), $"DynamoDB table {table} in {region}");
        }

        var backend = new Backend(store, storeDescription, cycle, region ?? "us-east-1");
        backend.owned.AddRange(owned);
        backend.clients.AddRange(clients);
        if (needsSource)
        {
            backend.Source = backend.CreateNeptuneSource(region!, requestTimeout);
        }

        if (needsChannel)
        {
            backend.Renderer = new NotificationRenderer(new NotificationOptions(backend.Region));
            if (topicArn is not null)
            {
                backend.Channel = backend.CreateSnsChannel(topicArn, region!, requestTimeout, backend.Renderer);
                backend.ChannelDescription = $"SNS topic {topicArn}";
            }
            else
            {
                var local = new LocalNotificationChannel(parse.GetValue(CliOptions.Out) ?? "notifications", backend.Region);
                backend.Channel = local;
                backend.ChannelDescription = $"folder {local.Folder} (no SNS topic set)";
            }
        }

        return backend;
    }

    /// <summary>A backend over given parts, for the demo; it owns <paramref name="owned"/> and <paramref name="clients"/>.</summary>
    public static Backend Over(
        ITaskStateStore store, string storeDescription, IExportTaskSource source, INotificationChannel channel, string channelDescription,
        PollCycleOptions cycle, string region, IEnumerable<IAsyncDisposable> owned, IEnumerable<IDisposable> clients)
    {
        var backend = new Backend(store, storeDescription, cycle, region)
        {
            Source = source,
            Channel = channel,
            ChannelDescription = channelDescription,
            Renderer = new NotificationRenderer(new NotificationOptions(region)),
        };
        backend.owned.AddRange(owned);
        backend.clients.AddRange(clients);
        return backend;
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
