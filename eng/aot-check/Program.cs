using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using EventBridge = NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

// Exercises our three clients end to end in a Native AOT binary: marshalling, signing, the HTTP pipeline and parsing.
// First against a loopback port nobody listens on (the call must fail as a connection error, not a trim failure),
// then against canned responses from a loopback listener in this process.
var credentials = new SessionAWSCredentials("AKIDEXAMPLE", "secret", "token");
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var failures = 0;

var putEvents = new EventBridge.PutEventsRequest
{
    Entries = [new EventBridge.PutEventsRequestEntry { Time = DateTimeOffset.UnixEpoch, Source = "neptune-notifier", DetailType = "Neptune Analytics Export Task State Change", Detail = """{"status":"SUCCEEDED"}""", Resources = ["arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-abcdefghij"] }],
};

var bogus = $"http://127.0.0.1:{FreePort()}";
using (var neptune = new NeptuneGraphClient(credentials, new NeptuneGraphClientConfig { ServiceURL = bogus, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
using (var sns = new SnsClient(credentials, new SnsClientConfig { ServiceURL = bogus, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
using (var eventBridge = new EventBridge.EventBridgeClient(credentials, new EventBridge.EventBridgeClientConfig { ServiceURL = bogus, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
{
    await ExpectConnectionFailureAsync("GetExportTask", () => neptune.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, timeout.Token));
    await ExpectConnectionFailureAsync("Publish", () => sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:us-east-1:123456789012:t", Message = "m" }, timeout.Token));
    await ExpectConnectionFailureAsync("PutEvents", () => eventBridge.PutEventsAsync(putEvents, timeout.Token));
}

var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var served = ServeAsync(listener, timeout.Token);
var local = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
using (var neptune = new NeptuneGraphClient(credentials, new NeptuneGraphClientConfig { ServiceURL = local, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
using (var sns = new SnsClient(credentials, new SnsClientConfig { ServiceURL = local, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
using (var eventBridge = new EventBridge.EventBridgeClient(credentials, new EventBridge.EventBridgeClientConfig { ServiceURL = local, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
{
    var task = await neptune.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, timeout.Token);
    Check("GetExportTask parsed", task.Task.Status == ExportTaskStatus.Succeeded && task.ExportTaskDetails?.StartTime == DateTimeOffset.FromUnixTimeMilliseconds(1700000000500));
    var published = await sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:us-east-1:123456789012:t", Message = "m" }, timeout.Token);
    Check("Publish parsed", published.MessageId == "aot-message");
    try
    {
        await neptune.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, timeout.Token);
        Check("ResourceNotFoundException raised", false);
    }
    catch (ResourceNotFoundException exception)
    {
        Check("ResourceNotFoundException raised", exception.ErrorCode == "ResourceNotFoundException");
    }

    var put = await eventBridge.PutEventsAsync(putEvents, timeout.Token);
    Check("PutEvents parsed", put.FailedEntryCount == 1 && put.Entries is [{ ErrorCode: "InternalFailure", ErrorMessage: "later" }]);
    try
    {
        await eventBridge.PutEventsAsync(putEvents, timeout.Token);
        Check("EventBridge AccessDeniedException raised", false);
    }
    catch (EventBridge.AccessDeniedException exception)
    {
        Check("EventBridge AccessDeniedException raised", exception.ErrorCode == "AccessDeniedException");
    }
}

listener.Stop();
await served.ContinueWith(static _ => { }, TaskScheduler.Default);
Console.WriteLine(failures == 0 ? "aot-check: all checks passed" : $"aot-check: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

async Task ExpectConnectionFailureAsync(string operation, Func<Task> call)
{
    try
    {
        await call();
        Check($"{operation} against a closed port fails", false);
    }
    catch (Exception exception) when (exception is HttpRequestException or SocketException or AmazonServiceException or AmazonClientException)
    {
        Check($"{operation} against a closed port fails ({exception.GetType().Name})", exception is HttpRequestException or SocketException || exception.InnerException is HttpRequestException or SocketException);
    }
}

void Check(string what, bool ok)
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
    failures += ok ? 0 : 1;
}

static int FreePort()
{
    using var probe = new TcpListener(IPAddress.Loopback, 0);
    probe.Start();
    return ((IPEndPoint)probe.LocalEndpoint).Port;
}

static async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
{
    string[] responses =
    [
        Http(200, "application/json", """{"graphId":"g-0123456789","roleArn":"arn:aws:iam::123456789012:role/r","taskId":"t-abcdefghij","status":"SUCCEEDED","format":"CSV","destination":"s3://b/","kmsKeyIdentifier":"k","exportTaskDetails":{"startTime":1700000000.5,"timeElapsedSeconds":1,"progressPercentage":100}}"""),
        Http(200, "text/xml", """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>aot-message</MessageId></PublishResult></PublishResponse>"""),
        Http(404, "application/json", """{"code":"ResourceNotFoundException","message":"gone"}"""),
        Http(200, "application/x-amz-json-1.1", """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"later"}]}"""),
        Http(400, "application/x-amz-json-1.1", """{"__type":"AccessDeniedException","message":"no"}"""),
    ];
    foreach (var response in responses)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = client.GetStream();
        await ReadRequestAsync(stream, cancellationToken);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(response), cancellationToken);
    }
}

static string Http(int status, string contentType, string body)
    => $"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nx-amzn-RequestId: aot\r\nConnection: close\r\n\r\n{body}";

static async Task ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
{
    var buffer = new byte[64 * 1024];
    var text = new StringBuilder();
    while (true)
    {
        var read = await stream.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            return;
        }

        text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        var all = text.ToString();
        var headerEnd = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            continue;
        }

        var length = all[..headerEnd].Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        if (Encoding.UTF8.GetByteCount(all) - Encoding.UTF8.GetByteCount(all[..(headerEnd + 4)]) >= length)
        {
            return;
        }
    }
}
