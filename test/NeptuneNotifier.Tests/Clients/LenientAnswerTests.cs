using Microsoft.Extensions.Logging;
using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// Answers that leave out what the model marks required, or carry one odd member or list entry, are read as the
/// official SDKs read them: only taskId and status (a graph's id) are needed; a malformed list entry is skipped.
/// </summary>
public sealed class LenientAnswerTests
{
    private const string SparseFailed = """{"taskId":"t-abcdefghij","graphId":"g-0123456789","status":"FAILED","statusReason":"Export failed: access denied to s3://bucket"}""";

    private const string Full = """
        {"graphId":"g-0123456789","roleArn":"arn:aws:iam::123456789012:role/export","taskId":"t-0000000001","status":"SUCCEEDED",
         "format":"CSV","destination":"s3://bucket/prefix/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/k"}
        """;

    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/json", ["x-amzn-RequestId"] = "req-1" };

    [Fact]
    public void GetExportTask_TerminalAnswerWithOnlyIdsStatusAndReason_MapsToSnapshotAndRendersTheReason()
    {
        // Act
        var response = (GetExportTaskResponse)Unmarshal.Success(NeptuneGraphAnswers.GetExportTask, new FakeWebResponse(HttpStatusCode.OK, SparseFailed, JsonHeaders))!;
        var snapshot = NeptuneExportTaskSource.ToSnapshot(response);
        var rendered = new NotificationRenderer(new NotificationOptions("us-east-1"))
            .Render(new PendingNotification("0196a0b0c0d07e8f9a0b1c2d3e4f5a6b", NeptuneTaskStatus.Exporting, snapshot, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

        // Assert
        response.Anomalies.ShouldBeEmpty();
        response.ExportTaskDetails.ShouldBeNull();
        snapshot.ShouldBe(new TaskSnapshot
        {
            TaskId = "t-abcdefghij",
            GraphId = "g-0123456789",
            Status = NeptuneTaskStatus.Failed,
            StatusReason = "Export failed: access denied to s3://bucket",
        });
        var email = rendered.EmailText;
        email.ShouldContain("Status: FAILED");
        email.ShouldContain("Reason: Export failed: access denied to s3://bucket");
        email.ShouldContain("Format: not reported");
        email.ShouldContain("Destination: not reported");
        email.ShouldContain("Elapsed: not reported");
    }

    [Fact]
    public void GetExportTask_WithoutGraphId_MapsToSnapshotWithUnknownGraph()
    {
        // Act
        var response = (GetExportTaskResponse)Unmarshal.Success(NeptuneGraphAnswers.GetExportTask, new FakeWebResponse(HttpStatusCode.OK, """{"taskId":"t-abcdefghij","status":"CANCELLED"}""", JsonHeaders))!;

        // Assert
        NeptuneExportTaskSource.ToSnapshot(response).GraphId.ShouldBe(string.Empty);
    }

    [Fact]
    public void GetExportTask_DetailsWithoutStartTimeOrProgress_ReadsTheCounts()
    {
        // Arrange
        const string body = """{"taskId":"t-abcdefghij","status":"FAILED","exportTaskDetails":{"numVerticesWritten":12}}""";

        // Act
        var response = (GetExportTaskResponse)Unmarshal.Success(NeptuneGraphAnswers.GetExportTask, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Anomalies.ShouldBeEmpty();
        var details = response.ExportTaskDetails.ShouldNotBeNull();
        (details.StartTime, details.TimeElapsedSeconds, details.ProgressPercentage, details.NumVerticesWritten).ShouldBe((null, null, null, 12L));
    }

    [Fact]
    public void GetExportTask_OptionalMembersOfTheWrongKind_ReadsThemAsAbsentAndSaysWhich()
    {
        // Arrange
        const string body = """
            {"taskId":"t-abcdefghij","status":"FAILED","statusReason":"why","roleArn":5,"format":["CSV"],
             "exportTaskDetails":{"startTime":"soon","progressPercentage":40},"exportFilter":[1]}
            """;

        // Act
        var response = (GetExportTaskResponse)Unmarshal.Success(NeptuneGraphAnswers.GetExportTask, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Task.StatusReason.ShouldBe("why");
        response.Task.RoleArn.ShouldBeNull();
        response.Task.Format.ShouldBeNull();
        response.ExportTaskDetails!.StartTime.ShouldBeNull();
        response.ExportTaskDetails.ProgressPercentage.ShouldBe(40);
        response.ExportFilter.ShouldBeNull();
        response.Anomalies.Count.ShouldBe(4);
        response.Anomalies.ShouldContain(a => a.StartsWith("roleArn read as absent", StringComparison.Ordinal));
        response.Anomalies.ShouldContain(a => a.StartsWith("exportTaskDetails.startTime read as absent", StringComparison.Ordinal));
    }

    [Fact]
    public void ListExportTasks_SparseEntryAndMalformedEntries_YieldsTheOthersAndNamesEachSkippedOne()
    {
        // Arrange
        var body = $$"""
            {"tasks":[
              {"taskId":"t-abcdefghij","graphId":"g-0123456789","status":"FAILED","statusReason":"denied"},
              {"graphId":"g-0123456789","status":"FAILED"},
              {"taskId":42,"status":"SUCCEEDED"},
              "t-0000000009",
              null,
              {{Full}}
            ],"nextToken":"n"}
            """;

        // Act
        var response = (ListExportTasksResponse)Unmarshal.Success(NeptuneGraphAnswers.ListExportTasks, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Tasks.Select(t => (t.TaskId, t.Status.Value)).ShouldBe([("t-abcdefghij", "FAILED"), ("t-0000000001", "SUCCEEDED")]);
        response.Tasks[0].StatusReason.ShouldBe("denied");
        response.NextToken.ShouldBe("n");
        response.Anomalies.ShouldBe(
        [
            "tasks[1] skipped: required member 'taskId' is missing.",
            "tasks[2] skipped: member 'taskId' should be a string but is a JSON Number.",
            "tasks[3] skipped: it is a JSON String, not an object.",
        ]);
    }

    [Theory]
    [InlineData("ListImportTasks", """{"tasks":[{"taskId":"t-0000000001","status":"IMPORTING"},{"taskId":"t-0000000002"}]}""", "tasks[1] skipped: required member 'status' is missing.")]
    [InlineData("ListGraphs", """{"graphs":[{"id":"g-0123456789"},{"name":"no-id","arn":"arn"}]}""", "graphs[1] skipped: required member 'id' is missing.")]
    public void OtherLists_MalformedEntry_IsSkippedAndTheOtherKept(string operation, string body, string anomaly)
    {
        // Act
        var response = (NeptuneGraphResponse)Unmarshal.Success(operation == "ListGraphs" ? NeptuneGraphAnswers.ListGraphs : NeptuneGraphAnswers.ListImportTasks, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Anomalies.ShouldBe([anomaly]);
        var kept = response switch
        {
            ListGraphsResponse graphs => graphs.Graphs.Select(g => g.Id),
            ListImportTasksResponse imports => imports.Tasks.Select(t => t.TaskId),
            _ => throw new InvalidOperationException(),
        };
        kept.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("""{"tasks":{"taskId":"t-abcdefghij"}}""", "member 'tasks' should be an array but is a JSON Object")]
    [InlineData("""{"tasks":[],"nextToken":7}""", "member 'nextToken' should be a string but is a JSON Number")]
    [InlineData("""[{"taskId":"t-abcdefghij","status":"FAILED"}]""", "not an object")]
    [InlineData("""not json""", "")]
    public void ListExportTasks_PageOfTheWrongShape_IsUnreadable(string body, string detail)
    {
        // Act
        var exception = Should.Throw<UnreadableResponseException>(() => Unmarshal.Success(NeptuneGraphAnswers.ListExportTasks, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders)));

        // Assert
        exception.Message.ShouldContain("Neptune Analytics ListExportTasks returned HTTP 200 (OK)");
        exception.Message.ShouldContain(detail);
    }

    [Fact]
    public async Task ListExportTasksAsync_MalformedEntry_LogsAWarningNamingThePageAndTheEntry()
    {
        // Arrange
        var transport = StubTransport.Json("""{"tasks":[{"taskId":"t-abcdefghij","status":"FAILED"},{"status":"FAILED"}]}""");
        var logger = new ListLogger();
        using var client = transport.NeptuneGraph(logger);

        // Act
        var page = await client.ListExportTasksAsync(new ListExportTasksRequest { GraphIdentifier = "g-0123456789" }, TestContext.Current.CancellationToken);

        // Assert
        page.Tasks.ShouldHaveSingleItem().TaskId.ShouldBe("t-abcdefghij");
        var warning = logger.Entries.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldBe("Neptune Analytics ListExportTasks answer for graph g-0123456789, first page (request req-stub) was read in part: tasks[1] skipped: required member 'taskId' is missing.");
    }

    [Fact]
    public async Task ListExportTasksPageAsync_SourceOverAPageWithAMalformedEntry_YieldsTheValidTasks()
    {
        // Arrange
        var transport = StubTransport.Json($$"""{"tasks":[{"taskId":"t-abcdefghij","status":"FAILED"},{"taskId":null,"status":"FAILED"},{{Full}}]}""");
        using var client = transport.NeptuneGraph();
        var source = new NeptuneExportTaskSource(client);

        // Act
        var page = await source.ListExportTasksPageAsync("g-0123456789", nextToken: null, TestContext.Current.CancellationToken);

        // Assert
        page.Tasks.ShouldBe([new ListedTask("t-abcdefghij", NeptuneTaskStatus.Failed), new ListedTask("t-0000000001", NeptuneTaskStatus.Succeeded, "g-0123456789")]);
        page.NextToken.ShouldBeNull();
    }

    [Fact]
    public async Task GetExportTaskAsync_UnreadableAnswer_IsAskedForOnce()
    {
        // Arrange
        var transport = StubTransport.Json("""{"graphId":"g-0123456789","status":"FAILED"}""");
        using var client = transport.NeptuneGraph(maxErrorRetry: 3);

        // Act
        var exception = await Should.ThrowAsync<UnreadableResponseException>(() => client.GetExportTaskAsync("t-abcdefghij", TestContext.Current.CancellationToken));

        // Assert
        exception.ErrorCode.ShouldBe(UnreadableResponseException.Code);
        transport.Requests.ShouldBe(1);
    }
}
