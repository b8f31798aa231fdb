using System.Text;
using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// Delivers nowhere but here: for runs without an SNS topic or an event bus. Each notification's email text (with its
/// subject), Slack (Amazon Q Developer) payload, machine-readable event and EventBridge PutEvents entry are written to
/// a folder, numbered in delivery order, the JSON forms indented for reading. A folder has no size limit: nothing is
/// cut to fit. Numbers go on from the highest already in the folder, so a later run, or another process writing to the
/// same folder, continues the order and never overwrites a notification's files.
/// </summary>
internal sealed class LocalNotificationChannel : INotificationChannel
{
    /// <summary>The name its deliveries are recorded under: a folder is neither the topic nor the bus.</summary>
    public const string Name = "local";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly NotificationRenderer renderer;
    private readonly Lock gate = new();
    private int last;

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
        var name = $"{rendered.Identity.TaskId}-{rendered.Identity.Status.Value}{(rendered.Identity.NotificationKind == NotificationKind.Transition ? string.Empty : "-" + TaskAlert.Name(rendered.Identity.NotificationKind))}";
        var (number, stem, email) = Reserve(name);
        await using (var writer = new StreamWriter(email, Utf8))
        {
            await writer.WriteAsync($"Subject: {rendered.Subject}\n\n{rendered.EmailText}".AsMemory(), cancellationToken);
        }

        await File.WriteAllTextAsync(stem + ".slack.json", rendered.ChatPayload + "\n", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".event.json", rendered.MachineEvent + "\n", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".eventbridge.json", LocalEventEntries.Json(Entries.Build(notification)) + "\n", Utf8, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"local-{number:D4}");
    }

    // The next number after this channel's last and every one in the folder, taken by creating its email file: a number
    // another process took meanwhile for the same name is passed over instead of overwritten.
    private (int Number, string Stem, FileStream Email) Reserve(string name)
    {
        lock (gate)
        {
            var number = Math.Max(last, HighestInFolder());
            while (true)
            {
                number++;
                var stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{name}"));
                try
                {
                    var email = new FileStream(stem + ".email.txt", FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                    last = number;
                    return (number, stem, email);
                }
                catch (IOException) when (File.Exists(stem + ".email.txt"))
                {
                }
            }
        }
    }

    private int HighestInFolder() => Directory.EnumerateFiles(Folder, "*.email.txt")
        .Select(path => Path.GetFileName(path).Split('-', 2)[0])
        .Select(prefix => int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0)
        .DefaultIfEmpty(0)
        .Max();
}
