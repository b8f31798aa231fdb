using System.Text;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// Delivers nowhere but here: for runs without an SNS topic. Each notification's email text (with its subject), Slack
/// (Amazon Q Developer) payload and machine-readable event are written to a folder, numbered in delivery order, the
/// JSON forms indented for reading. A folder has no size limit: nothing is cut to fit.
/// </summary>
internal sealed class LocalNotificationChannel : INotificationChannel
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly NotificationRenderer renderer;
    private int sequence;

    /// <exception cref="ArgumentException">The region is not an AWS Region name.</exception>
    public LocalNotificationChannel(string folder, string region)
    {
        Folder = Path.GetFullPath(folder);
        renderer = new NotificationRenderer(new NotificationOptions(region, IndentedJson: true));
    }

    public string Folder { get; }

    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var rendered = renderer.Render(notification);
        Directory.CreateDirectory(Folder);
        var number = Interlocked.Increment(ref sequence);
        var stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{rendered.Identity.TaskId}-{rendered.Identity.Status.Value}"));
        await File.WriteAllTextAsync(stem + ".email.txt", $"Subject: {rendered.Subject}\n\n{rendered.EmailText}", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".slack.json", rendered.ChatPayload + "\n", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".event.json", rendered.MachineEvent + "\n", Utf8, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"local-{number:D4}");
    }
}
