using System.Net;
using System.Text;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>Answers every SNS Publish with a fresh message id, as the service does, and counts them.</summary>
internal sealed class SnsStub : LoopbackHttpServer
{
    private int published;

    public int Published => Volatile.Read(ref published);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            var body = await reader.ReadToEndAsync(Stopping);
            if (!body.Contains("Action=Publish", StringComparison.Ordinal))
            {
                await WriteAsync(context.Response, 400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Only Publish is stubbed.</Message></Error></ErrorResponse>", Stopping);
                return;
            }
        }

        Interlocked.Increment(ref published);
        await WriteAsync(
            context.Response,
            200,
            "text/xml",
            $"<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></PublishResponse>",
            Stopping);
    }
}
