using System.Text;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>A capturing SNS endpoint that accepts every Publish, and the Publish requests it received, decoded.</summary>
internal static class FakeSns
{
    public static CaptureServer Start() => new(_ => CannedResponse.Xml(200,
        $"<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></PublishResponse>"));

    public static List<PublishedMessage> Published(CaptureServer server) => [.. server.Requests.Select(r => new PublishedMessage(Form(r.Body)))];

    private static Dictionary<string, string> Form(byte[] body) =>
        Encoding.UTF8.GetString(body).Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);
}

/// <summary>One Publish request: its form fields, and its message attributes by name.</summary>
internal sealed record PublishedMessage(Dictionary<string, string> Form)
{
    public Dictionary<string, string> Attributes { get; } = Form
        .Where(f => f.Key.StartsWith("MessageAttributes.entry.", StringComparison.Ordinal) && f.Key.EndsWith(".Name", StringComparison.Ordinal))
        .ToDictionary(f => f.Value, f => Form[f.Key[..^".Name".Length] + ".Value.StringValue"], StringComparer.Ordinal);
}
