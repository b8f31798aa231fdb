namespace NeptuneNotifier.IntegrationTests.Wire;

public sealed class PaginationTests
{
    [Fact]
    public async Task ListExportTasksPagesAsync_ThreePages_FollowsTokensWithReservedCharacters()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(request =>
        {
            var query = WireComparison.DecodeFields(WireComparison.QueryOf(request.RawUrl));
            return query.GetValueOrDefault("nextToken") switch
            {
                null => CannedResponse.Json(200, $$"""{"tasks":[{{NeptuneGraphWireMapping.ExportTaskJson("t-0000000001", "SUCCEEDED", "CSV")}}],"nextToken":"page 2/+="}"""),
                "page 2/+=" => CannedResponse.Json(200, $$"""{"tasks":[{{NeptuneGraphWireMapping.ExportTaskJson("t-0000000002", "SUCCEEDED", "CSV")}}],"nextToken":"page&3"}"""),
                "page&3" => CannedResponse.Json(200, $$"""{"tasks":[{{NeptuneGraphWireMapping.ExportTaskJson("t-0000000003", "SUCCEEDED", "CSV")}}]}"""),
                var other => CannedResponse.Json(400, $$"""{"code":"ValidationException","message":"bad token {{other}}"}"""),
            };
        });
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint);

        // Act
        var taskIds = new List<string>();
        await foreach (var page in client.ListExportTasksPagesAsync(new ListExportTasksRequest { GraphIdentifier = "g-0123456789", MaxResults = 1 }, cancellationToken))
        {
            taskIds.AddRange(page.Tasks.Select(task => task.TaskId));
        }

        // Assert
        taskIds.ShouldBe(["t-0000000001", "t-0000000002", "t-0000000003"]);
        server.Requests.Select(r => WireComparison.DecodeFields(WireComparison.QueryOf(r.RawUrl))["graphIdentifier"]).ShouldAllBe(g => g == "g-0123456789");
    }

    [Fact]
    public async Task ListGraphsPagesAsync_ServiceRepeatsToken_FailsInsteadOfLooping()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(_ => CannedResponse.Json(200, """{"graphs":[],"nextToken":"same"}"""));
        using var client = NeptuneGraphWireMapping.CreateClient(server.Endpoint);
        var pages = 0;

        // Act
        var walk = async () =>
        {
            await foreach (var page in client.ListGraphsPagesAsync(new ListGraphsRequest(), cancellationToken))
            {
                pages++;
            }
        };

        // Assert
        await walk.ShouldThrowAsync<InvalidDataException>();
        pages.ShouldBe(2);
        server.Requests.Count.ShouldBe(2);
    }
}
