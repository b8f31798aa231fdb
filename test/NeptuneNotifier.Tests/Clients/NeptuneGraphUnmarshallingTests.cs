using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

public sealed class NeptuneGraphUnmarshallingTests
{
    private const string Task = """
        "graphId":"g-0123456789","roleArn":"arn:aws:iam::123456789012:role/export","taskId":"t-abcdefghij","status":"EXPORTING",
        "format":"PARQUET","destination":"s3://bucket/prefix/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/k"
        """;

    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/json", ["x-amzn-RequestId"] = "req-1" };

    [Fact]
    public void Unmarshall_GetExportTaskWithFractionalStartTime_KeepsSubSecondPrecision()
    {
        // Arrange
        var body = "{" + Task + ""","exportTaskDetails":{"startTime":1732876543.1234567,"timeElapsedSeconds":60,"progressPercentage":42,"numVerticesWritten":123456789012,"numEdgesWritten":5}}""";

        // Act
        var response = (GetExportTaskResponse)Unmarshal.Success(Unmarshaller("GetExportTask"), new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.RequestId.ShouldBe("req-1");
        response.Task.TaskId.ShouldBe("t-abcdefghij");
        response.Task.Status.ShouldBe(ExportTaskStatus.Exporting);
        var details = response.ExportTaskDetails.ShouldNotBeNull();
        details.StartTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1732876543).AddTicks(1234567));
        details.NumVerticesWritten.ShouldBe(123456789012);
        details.ProgressPercentage.ShouldBe(42);
    }

    [Fact]
    public void Unmarshall_UnknownStatusAndExtraMembers_KeepsUnknownValue()
    {
        // Arrange
        var body = "{" + Task.Replace("EXPORTING", "PAUSED", StringComparison.Ordinal) + ""","brandNew":{"x":[1,2]},"exportFilter":{"vertexFilter":{"a":{"properties":{"p":{"multiValueHandling":"MEDIAN"}}}}}}""";

        // Act
        var response = (GetExportTaskResponse)Unmarshal.Success(Unmarshaller("GetExportTask"), new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Task.Status.Value.ShouldBe("PAUSED");
        response.ExportFilter!.VertexFilter!["a"].Properties!["p"].MultiValueHandling!.Value.ShouldBe("MEDIAN");
        response.ExportFilter.EdgeFilter.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"tasks":null}""")]
    [InlineData("""{"tasks":[]}""")]
    [InlineData("""{}""")]
    public void Unmarshall_ListExportTasksWithoutTasks_ReturnsEmptyList(string body)
    {
        // Act
        var response = (ListExportTasksResponse)Unmarshal.Success(Unmarshaller("ListExportTasks"), new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Tasks.ShouldBeEmpty();
        response.NextToken.ShouldBeNull();
    }

    [Fact]
    public void Unmarshall_GetImportTaskWithUnion_ReadsNeptuneOptions()
    {
        // Arrange
        const string body = """
            {"taskId":"t-0123456789","source":"s3://in/","roleArn":"arn:aws:iam::123456789012:role/r","status":"ANALYZING_DATA",
             "importOptions":{"neptune":{"s3ExportPath":"s3://x/","s3ExportKmsKeyId":"k","preserveDefaultVertexLabels":true,"preserveEdgeIds":false}},
             "importTaskDetails":{"status":"RUNNING","startTime":1700000000,"timeElapsedSeconds":1,"progressPercentage":2,"errorCount":3,"statementCount":4,"dictionaryEntryCount":5},
             "attemptNumber":2}
            """;

        // Act
        var response = (GetImportTaskResponse)Unmarshal.Success(Unmarshaller("GetImportTask"), new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.Task.Status.ShouldBe(ImportTaskStatus.AnalyzingData);
        response.ImportOptions!.Neptune!.PreserveDefaultVertexLabels.ShouldBe(true);
        response.ImportOptions.Neptune.PreserveEdgeIds.ShouldBe(false);
        response.ImportTaskDetails!.StartTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        response.ImportTaskDetails.DictionaryEntryCount.ShouldBe(5);
        response.AttemptNumber.ShouldBe(2);
        response.Task.GraphId.ShouldBeNull();
    }

    [Fact]
    public void Unmarshall_ImportOptionsWithUnknownUnionMember_NamesIt()
    {
        // Arrange
        const string body = """{"taskId":"t-0123456789","source":"s","roleArn":"r","status":"IMPORTING","importOptions":{"fromTheFuture":{"a":1}}}""";

        // Act
        var response = (GetImportTaskResponse)Unmarshal.Success(Unmarshaller("GetImportTask"), new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.ImportOptions!.Neptune.ShouldBeNull();
        response.ImportOptions.UnknownMember.ShouldBe("fromTheFuture");
    }

    [Theory]
    [InlineData("""{"graphId":"g-0123456789","status":"FAILED"}""", "required member 'taskId' is missing")]
    [InlineData("""{"taskId":"t-abcdefghij"}""", "required member 'status' is missing")]
    [InlineData("{\"graphId\":\"g-01", "")]
    [InlineData("<html><body>proxy</body></html>", "")]
    [InlineData("", "the body is empty")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("""{"taskId":7,"status":"FAILED"}""", "member 'taskId' should be a string but is a JSON Number")]
    public void Unmarshall_MalformedBody_ThrowsNamingOperationAndStatus(string body, string detail)
    {
        // Act
        var exception = Should.Throw<UnreadableResponseException>(() => Unmarshal.Success(Unmarshaller("GetExportTask"), new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders)));

        // Assert
        exception.Message.ShouldContain("Neptune Analytics GetExportTask returned HTTP 200 (OK)");
        exception.Message.ShouldContain(detail);
        exception.StatusCode.ShouldBe(HttpStatusCode.OK);
        exception.RequestId.ShouldBe("req-1");
    }

    [Fact]
    public void Unmarshall_ErrorTypeHeader_WinsOverBody()
    {
        // Arrange
        var headers = new Dictionary<string, string>(JsonHeaders) { ["x-amzn-ErrorType"] = "ValidationException:http://internal.amazon.com/coral/com.amazonaws.neptunegraph/" };

        // Act
        var exception = Unmarshal.Error(Unmarshaller("GetExportTask"), new FakeWebResponse(HttpStatusCode.BadRequest, """{"code":"Other","message":"bad id","reason":"ILLEGAL_ARGUMENT"}""", headers));

        // Assert
        var validation = exception.ShouldBeOfType<ValidationException>();
        validation.ErrorCode.ShouldBe("ValidationException");
        validation.Message.ShouldBe("bad id");
        validation.Reason.ShouldBe(ValidationExceptionReason.IllegalArgument);
        validation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        validation.RequestId.ShouldBe("req-1");
        validation.ErrorType.ShouldBe(ErrorType.Sender);
    }

    [Theory]
    [InlineData(404, """{"code":"ResourceNotFoundException","message":"m"}""", typeof(ResourceNotFoundException))]
    [InlineData(404, """{"Code":"ResourceNotFoundException","message":"m"}""", typeof(ResourceNotFoundException))]
    [InlineData(404, """{"code":null,"__type":"ResourceNotFoundException","message":"m"}""", typeof(ResourceNotFoundException))]
    [InlineData(429, """{"__type":"com.amazonaws.neptunegraph#ThrottlingException:http://x/","message":"m"}""", typeof(ThrottlingException))]
    [InlineData(500, """{"__type":"InternalServerException","message":"m"}""", typeof(InternalServerException))]
    [InlineData(403, """{"__type":"AccessDeniedException","Message":"m"}""", typeof(AccessDeniedException))]
    [InlineData(409, """{"code":"ConflictException","message":"m","reason":"CONCURRENT_MODIFICATION"}""", typeof(ConflictException))]
    [InlineData(402, """{"code":"ServiceQuotaExceededException","message":"m","quotaCode":"L-1"}""", typeof(ServiceQuotaExceededException))]
    [InlineData(418, """{"code":"TeapotException","message":"m"}""", typeof(NeptuneGraphException))]
    public void Unmarshall_ErrorBody_MapsCodeToType(int status, string body, Type expected)
    {
        // Act
        var exception = Unmarshal.Error(Unmarshaller("GetExportTask"), new FakeWebResponse((HttpStatusCode)status, body, JsonHeaders));

        // Assert
        exception.ShouldBeOfType(expected);
        exception.Message.ShouldBe("m");
        ((int)exception.StatusCode).ShouldBe(status);
        exception.ErrorCode.ShouldBe(expected == typeof(NeptuneGraphException) ? "TeapotException" : expected.Name);
    }

    [Fact]
    public void Unmarshall_QuotaError_CarriesQuotaFields()
    {
        // Act
        var exception = Unmarshal.Error(Unmarshaller("StartExportTask"), new FakeWebResponse(
            HttpStatusCode.PaymentRequired,
            """{"message":"m","resourceId":"g-0123456789","resourceType":"Graph","serviceCode":"neptune-graph","quotaCode":"L-1"}""",
            new Dictionary<string, string>(JsonHeaders) { ["x-amzn-ErrorType"] = "ServiceQuotaExceededException" }));

        // Assert
        var quota = exception.ShouldBeOfType<ServiceQuotaExceededException>();
        (quota.ResourceId, quota.ResourceType, quota.ServiceCode, quota.QuotaCode).ShouldBe(("g-0123456789", "Graph", "neptune-graph", "L-1"));
    }

    [Theory]
    [InlineData("<html><body>503 Service Temporarily Unavailable</body></html>")]
    [InlineData("")]
    [InlineData("{\"message\":")]
    [InlineData("""{"message":"no code anywhere"}""")]
    [InlineData("""{"code":true,"__type":"ValidationException","message":"a code no SDK reads"}""")]
    public void Unmarshall_ErrorWithoutCode_ReportsStatusAndOperation(string body)
    {
        // Act
        var exception = Unmarshal.Error(Unmarshaller("ListGraphs"), new FakeWebResponse(HttpStatusCode.ServiceUnavailable, body, new Dictionary<string, string> { ["Content-Type"] = "text/html" }));

        // Assert
        var error = exception.ShouldBeOfType<NeptuneGraphException>();
        error.ErrorCode.ShouldBe(NeptuneGraphException.UnknownErrorCode);
        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        error.ErrorType.ShouldBe(ErrorType.Receiver);
        error.Message.ShouldContain("Neptune Analytics ListGraphs returned HTTP 503 (ServiceUnavailable)");
    }

    [Theory]
    [InlineData("ValidationException", "ValidationException")]
    [InlineData("aws.protocoltests.restjson#FooError", "FooError")]
    [InlineData("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("  ThrottlingException ", "ThrottlingException")]
    [InlineData("ThrottlingException,InternalException", "ThrottlingException")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void SanitizeErrorCode_AwsForms_ReturnsShapeName(string? raw, string? expected)
    {
        // Act / Assert
        AwsErrorCode.Sanitize(raw).ShouldBe(expected);
    }

    private static NeptuneGraphResponseUnmarshaller Unmarshaller(string operation) => operation switch
    {
        "GetExportTask" => NeptuneGraphAnswers.GetExportTask,
        "ListExportTasks" => NeptuneGraphAnswers.ListExportTasks,
        "StartExportTask" => NeptuneGraphAnswers.StartExportTask,
        "GetImportTask" => NeptuneGraphAnswers.GetImportTask,
        "ListImportTasks" => NeptuneGraphAnswers.ListImportTasks,
        "ListGraphs" => NeptuneGraphAnswers.ListGraphs,
        _ => throw new ArgumentException($"no unmarshaller for {operation}", nameof(operation)),
    };
}
