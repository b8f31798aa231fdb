using System.Globalization;
using System.Text;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;

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
    private readonly NotificationRenderer compact;
    private int sequence;

    /// <param name="folder">Where the files go.</param>
    /// <param name="region">The tasks' Region.</param>
    /// <param name="scope">Where the events' resource ARNs point; null when no account is known, and the entries then name no resources.</param>
    /// <exception cref="ArgumentException">The region is not an AWS Region name.</exception>
    public LocalNotificationChannel(string folder, string region, ResourceScope? scope)
    {
        Folder = Path.GetFullPath(folder);
        renderer = new NotificationRenderer(new NotificationOptions(region, IndentedJson: true));
        compact = new NotificationRenderer(new NotificationOptions(region));
        Scope = scope;
    }

    public string Folder { get; }

    /// <summary>Where the events' resource ARNs point, or null.</summary>
    public ResourceScope? Scope { get; }

    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var rendered = renderer.Render(notification);
        Directory.CreateDirectory(Folder);
        var number = Interlocked.Increment(ref sequence);
        var stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{rendered.Identity.TaskId}-{rendered.Identity.Status.Value}"));
        await File.WriteAllTextAsync(stem + ".email.txt", $"Subject: {rendered.Subject}\n\n{rendered.EmailText}", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".slack.json", rendered.ChatPayload + "\n", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".event.json", rendered.MachineEvent + "\n", Utf8, cancellationToken);
        // The entry as a bus gets it: the detail is the compact machine event, as text.
        var entry = BusEventEntry.From(compact.Render(notification), Scope);
        await File.WriteAllTextAsync(stem + ".eventbridge.json", entry.ToJson(indented: true) + "\n", Utf8, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"local-{number:D4}");
    }
}
