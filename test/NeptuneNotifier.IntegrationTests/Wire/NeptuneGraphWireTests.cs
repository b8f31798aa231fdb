namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The same input through our client and through the official <c>@aws-sdk/client-neptune-graph</c>, against one
/// capture server: both requests must read the same to the service, and both must carry valid SigV4 signatures.
/// </summary>
public sealed class NeptuneGraphWireTests
{
    private static readonly string ExportTaskBody = NeptuneGraphWireMapping.ExportTaskJson("t-abcdefghij", "EXPORTING");

    public static TheoryData<string, string, string> Cases => new()
    {
        { "get export task", "GetExportTask", """{"taskIdentifier":"t-abcdefghij"}""" },
        { "list export tasks, no arguments", "ListExportTasks", "{}" },
        { "list export tasks, every argument", "ListExportTasks", """{"graphIdentifier":"g-0123456789","maxResults":25,"nextToken":"abc/def+ghi=jkl mno=="}""" },
        { "list export tasks, token with reserved and non-ASCII characters", "ListExportTasks", """{"nextToken":"a b/c+d=e&f?g#h%i~j*k'l(m)n!o;p:q@r$s,t ü日本"}""" },
        { "start export task, minimal", "StartExportTask", """{"graphIdentifier":"g-0123456789","roleArn":"arn:aws:iam::123456789012:role/export","format":"CSV","destination":"s3://bucket/prefix/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"}""" },
        {
            "start export task, filter, parquet type and tags", "StartExportTask",
            """
            {"graphIdentifier":"g-0123456789","roleArn":"arn:aws:iam::123456789012:role/export","format":"PARQUET","parquetType":"COLUMNAR",
             "destination":"s3://bucket/prefix with space/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
             "exportFilter":{"vertexFilter":{"person":{"properties":{"name":{"outputType":"String","sourcePropertyName":"fullName","multiValueHandling":"PICK_FIRST"},"scores":{"outputType":"Double[]","multiValueHandling":"TO_LIST"}}},"empty":{}},
                             "edgeFilter":{"knows":{"properties":{"since":{"outputType":"Long"}}}}},
             "tags":{"team":"data platform","note":"ünïcödé \"quoted\" & <angled>","cost+center":"a=b"}}
            """
        },
        { "cancel export task", "CancelExportTask", """{"taskIdentifier":"t-abcdefghij"}""" },
        { "get import task", "GetImportTask", """{"taskIdentifier":"t-0123456789"}""" },
        { "list import tasks, token and page size", "ListImportTasks", """{"maxResults":100,"nextToken":"x/y+z= =="}""" },
        { "list graphs, page size 1", "ListGraphs", """{"maxResults":1}""" },
        { "list graphs, token", "ListGraphs", """{"nextToken":"eyJrIjoiZy0xMjM0NTY3ODkwIn0="}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_SameInputAsOfficialSdk_ReadsTheSameAndIsSigned(string name, string operation, string inputJson)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var input = JsonNode.Parse(inputJson)!.AsObject();
        await using var server = new CaptureServer(ValidResponse);
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint);

        // Act and assert: the same requests, both signed.
        await NodeWire.CompareWithOfficialAsync(NeptuneGraphWireMapping.Service, server, name, () => NeptuneGraphWireMapping.InvokeAsync(client, operation, input, cancellationToken), operation, input, cancellationToken);
    }

    internal static CannedResponse ValidResponse(CapturedRequest request)
    {
        var path = WireComparison.PathOf(request.RawUrl);
        return (request.Method, path) switch
        {
            ("GET", "/exporttasks") => CannedResponse.Json(200, $$"""{"tasks":[{{ExportTaskBody}}],"nextToken":"next/page+token="}"""),
            ("POST", "/exporttasks") => CannedResponse.Json(201, ExportTaskBody),
            (_, _) when path.StartsWith("/exporttasks/", StringComparison.Ordinal) => CannedResponse.Json(200, ExportTaskBody),
            ("GET", "/importtasks") => CannedResponse.Json(200, """{"tasks":[]}"""),
            (_, _) when path.StartsWith("/importtasks/", StringComparison.Ordinal) => CannedResponse.Json(200,
                """{"taskId":"t-0123456789","source":"s3://bucket/in/","roleArn":"arn:aws:iam::123456789012:role/import","status":"IMPORTING"}"""),
            ("GET", "/graphs") => CannedResponse.Json(200, """{"graphs":[{"id":"g-0123456789","name":"social","arn":"arn:aws:neptune-graph:us-east-1:123456789012:graph/g-0123456789"}]}"""),
            _ => CannedResponse.Json(404, """{"message":"no such route"}"""),
        };
    }
}
