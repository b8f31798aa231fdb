using System.Globalization;
using System.Text;
using System.Text.Json;
using NeptuneNotifier.Core;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// Publishes nowhere but here: for runs without an SNS topic. Each notification's Slack (Amazon Q Developer) payload,
/// machine-readable event and email text are written to a folder, numbered in publish order.
/// </summary>
internal sealed class LocalNotificationPublisher(string folder) : INotificationPublisher
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private int sequence;

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var forms = NotificationForms.Read(message);
        var number = Interlocked.Increment(ref sequence);
        var stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{message.Attributes.GetValueOrDefault("taskId", "task")}-{message.Attributes.GetValueOrDefault("status", "status")}"));
        await File.WriteAllTextAsync(stem + ".email.txt", $"Subject: {message.Subject}\n\n{forms.Email}", Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".slack.json", forms.Slack, Utf8, cancellationToken);
        await File.WriteAllTextAsync(stem + ".event.json", forms.Event, Utf8, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"local-{number:D4}");
    }
}

/// <summary>The per-protocol forms inside a <c>MessageStructure=json</c> message, pretty-printed where they are JSON.</summary>
internal sealed record NotificationForms(string Email, string Slack, string Event)
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static NotificationForms Read(NotificationMessage message)
    {
        using var document = JsonDocument.Parse(message.Message);
        var root = document.RootElement;
        return new NotificationForms(
            root.GetProperty("email").GetString() ?? string.Empty,
            Indent(root.GetProperty("https").GetString()),
            Indent(root.GetProperty("sqs").GetString()));
    }

    private static string Indent(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return string.Empty;
        }

        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
