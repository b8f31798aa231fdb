using System.Text;
using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// Delivers nowhere but here: for runs without an SNS topic or an event bus. Each notification's email text (with its
/// subject), Slack (Amazon Q Developer) payload, machine-readable event and EventBridge PutEvents entry are written to
/// a folder, numbered in delivery order, the JSON forms indented for reading. A folder has no size limit: nothing is
/// cut to fit.
/// </summary>
internal sealed class LocalNotificationChannel : INotificationChannel
{
    /// <summary>The name its deliveries are recorded under: a folder is neither the topic nor the bus.</summary>
    public const string Name = "local";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly NotificationRenderer renderer;
    private int sequence;

    /// <param name="folder">Where the files go.</param>
    /// <param name="region">The tasks' Region.</param>
    /// <param name="entries">Builds the EventBridge entries.</param>
    /// <exception cref="ArgumentException">The region is not an AWS Region name.</exception>
    public LocalNotificationChannel(string folder, string region, LocalEventEntries entries)
    {
        Folder = Path.GetFullPath(folder);
        renderer = new NotificationRenderer(new NotificationOptions(region, IndentedJson: true));
        Entries = entries ?? throw new ArgumentNullException(nameof(entries));
    }

    public string Folder { get; }

    /// <summary>Builds the EventBridge entries written next to the other forms.</summary>
    public LocalEventEntries Entries { get; }

    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var rendered = renderer.Render(notification);
        Directory.CreateDirectory(Folder);
        var number = Interlocked.Increment(ref sequence);
        var stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{rendered.Identity.TaskId}-{rendered.Identity.Status.Value}{(rendered.Identity.NotificationKind == NotificationKind.Transition ? string.Empty : "-" + TaskAlert.Name(rendered.Identity.NotificationKind))}"));
        await File.WriteAllTextAsync(stem + ".email.txt", $"Subject: {rendered.Subject}\n\n{rendered.EmailText}", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".slack.json", rendered.ChatPayload + "\n", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".event.json", rendered.MachineEvent + "\n", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".eventbridge.json", LocalEventEntries.Json(Entries.Build(notification)) + "\n", Utf8, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"local-{number:D4}");
    }
}
