using System.Web;
using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>Every List operation pages alike: each token followed once, the rest of the request kept.</summary>
public sealed class NeptuneGraphPagingTests
{
    [Fact]
    public async Task ListImportTasksPagesAsync_ThreePages_FollowsEachTokenAndKeepsPageSize()
    {
        // Arrange
        List<string?> asked = [];
        var transport = new StubTransport(request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            asked.Add($"{query["nextToken"]}/{query["maxResults"]}");
            var next = query["nextToken"] switch { null => "\"a+b/c\"", "a+b/c" => "\"second\"", _ => "null" };
            return (HttpStatusCode.OK, $$"""{"tasks":[{"taskId":"t-000000000{{asked.Count}}","status":"IMPORTING"}],"nextToken":{{next}}}""");
        });
        using var client = transport.NeptuneGraph();

        // Act
        List<string> ids = [];
        await foreach (var page in client.ListImportTasksPagesAsync(new ListImportTasksRequest { MaxResults = 5 }, TestContext.Current.CancellationToken))
        {
            ids.AddRange(page.Tasks.Select(task => task.TaskId));
        }

        // Assert
        ids.ShouldBe(["t-0000000001", "t-0000000002", "t-0000000003"]);
        asked.ShouldBe(["/5", "a+b/c/5", "second/5"]);
    }

    [Fact]
    public async Task ListGraphsPagesAsync_ServiceRepeatsToken_FailsAfterThePageThatRepeatedIt()
    {
        // Arrange
        var transport = StubTransport.Json("""{"graphs":[{"id":"g-0123456789"}],"nextToken":"same"}""");
        using var client = transport.NeptuneGraph();
        var pages = 0;

        // Act
        var walk = async () =>
        {
            await foreach (var page in client.ListGraphsPagesAsync(new ListGraphsRequest(), TestContext.Current.CancellationToken))
            {
                pages++;
            }
        };

        // Assert: both pages were handed out, then the listing failed rather than end as if it were whole.
        (await walk.ShouldThrowAsync<InvalidDataException>()).Message.ShouldBe(
            "Neptune Analytics handed back the nextToken it was given (graphs, page at nextToken same); the rest of the listing cannot be read.");
        pages.ShouldBe(2);
        transport.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task ListExportTasksPagesAsync_NextPage_KeepsTheGraph()
    {
        // Arrange
        List<string?> graphs = [];
        var transport = new StubTransport(request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            graphs.Add(query["graphIdentifier"]);
            return (HttpStatusCode.OK, query["nextToken"] is null ? """{"tasks":[],"nextToken":"more"}""" : """{"tasks":[]}""");
        });
        using var client = transport.NeptuneGraph();

        // Act
        var pages = await client.ListExportTasksPagesAsync(new ListExportTasksRequest { GraphIdentifier = "g-0123456789" }, TestContext.Current.CancellationToken)
            .CountAsync(TestContext.Current.CancellationToken);

        // Assert
        pages.ShouldBe(2);
        graphs.ShouldBe(["g-0123456789", "g-0123456789"]);
    }
}
