using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

public sealed class NeptuneGraphMarshallingTests
{
    private static readonly Uri Endpoint = new("https://neptune-graph.us-east-1.amazonaws.com");

    [Fact]
    public void Marshall_GetExportTask_GetsTaskPath()
    {
        // Act
        var request = Marshall(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" });

        // Assert
        request.HttpMethod.ShouldBe("GET");
        AmazonServiceClient.ComposeUrl(request).ToString().ShouldBe("https://neptune-graph.us-east-1.amazonaws.com/exporttasks/t-abcdefghij");
        request.Content.ShouldBeNull();
    }

    [Fact]
    public void Marshall_LabelWithReservedCharacters_PercentEncodesPathSegment()
    {
        // Arrange: the client rejects such IDs before marshalling; the marshaller still must not let them change the path.
        var input = new GetExportTaskRequest { TaskIdentifier = "a b/../c?d#e" };

        // Act
        var request = Marshall(input);

        // Assert
        AmazonServiceClient.ComposeUrl(request).AbsoluteUri.ShouldBe("https://neptune-graph.us-east-1.amazonaws.com/exporttasks/a%20b%2F..%2Fc%3Fd%23e");
    }

    [Fact]
    public void Marshall_CancelExportTask_DeletesTaskPath()
    {
        // Act
        var request = Marshall(new CancelExportTaskRequest { TaskIdentifier = "t-abcdefghij" });

        // Assert
        request.HttpMethod.ShouldBe("DELETE");
        AmazonServiceClient.ComposeUrl(request).AbsolutePath.ShouldBe("/exporttasks/t-abcdefghij");
    }

    [Fact]
    public void Marshall_ListExportTasksWithReservedCharactersInToken_PercentEncodesQuery()
    {
        // Act
        var request = Marshall(new ListExportTasksRequest { GraphIdentifier = "g-0123456789", MaxResults = 7, NextToken = "a/b+c=d e" });

        // Assert
        var query = AmazonServiceClient.ComposeUrl(request).Query.TrimStart('?').Split('&').Order(StringComparer.Ordinal);
        query.ShouldBe(["graphIdentifier=g-0123456789", "maxResults=7", "nextToken=a%2Fb%2Bc%3Dd%20e"]);
    }

    [Fact]
    public void Marshall_ListExportTasksWithoutArguments_SendsNoQuery()
    {
        // Act
        var request = Marshall(new ListExportTasksRequest());

        // Assert
        AmazonServiceClient.ComposeUrl(request).ToString().ShouldBe("https://neptune-graph.us-east-1.amazonaws.com/exporttasks");
    }

    [Fact]
    public void Marshall_StartExportTaskWithEveryMember_WritesModelJson()
    {
        // Arrange
        var input = new StartExportTaskRequest
        {
            GraphIdentifier = "g-0123456789",
            RoleArn = "arn:aws:iam::123456789012:role/export",
            Format = ExportFormat.Parquet,
            ParquetType = ParquetType.Columnar,
            Destination = "s3://bucket/prefix/",
            KmsKeyIdentifier = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
            ExportFilter = new ExportFilter
            {
                VertexFilter = new Dictionary<string, ExportFilterElement>
                {
                    ["person"] = new()
                    {
                        Properties = new Dictionary<string, ExportFilterPropertyAttributes>
                        {
                            ["name"] = new() { OutputType = "String", SourcePropertyName = "fullName", MultiValueHandling = MultiValueHandlingType.PickFirst },
                        },
                    },
                },
            },
            Tags = new Dictionary<string, string> { ["team"] = "données" },
        };

        // Act
        var request = Marshall(input);

        // Assert
        request.HttpMethod.ShouldBe("POST");
        request.ResourcePath.ShouldBe("/exporttasks");
        request.Headers["Content-Type"].ShouldBe("application/json");
        using var json = JsonDocument.Parse(request.Content);
        var root = json.RootElement;
        root.GetProperty("graphIdentifier").GetString().ShouldBe("g-0123456789");
        root.GetProperty("format").GetString().ShouldBe("PARQUET");
        root.GetProperty("parquetType").GetString().ShouldBe("COLUMNAR");
        root.GetProperty("tags").GetProperty("team").GetString().ShouldBe("données");
        var name = root.GetProperty("exportFilter").GetProperty("vertexFilter").GetProperty("person").GetProperty("properties").GetProperty("name");
        name.GetProperty("outputType").GetString().ShouldBe("String");
        name.GetProperty("sourcePropertyName").GetString().ShouldBe("fullName");
        name.GetProperty("multiValueHandling").GetString().ShouldBe("PICK_FIRST");
        root.TryGetProperty("edgeFilter", out _).ShouldBeFalse();
    }

    [Fact]
    public void Marshall_StartExportTaskMinimal_OmitsOptionalMembers()
    {
        // Act
        var request = Marshall(new StartExportTaskRequest
        {
            GraphIdentifier = "g-0123456789",
            RoleArn = "arn:aws:iam::123456789012:role/export",
            Format = ExportFormat.Csv,
            Destination = "s3://b/",
            KmsKeyIdentifier = "k",
        });

        // Assert
        using var json = JsonDocument.Parse(request.Content);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["graphIdentifier", "roleArn", "format", "destination", "kmsKeyIdentifier"]);
        Encoding.UTF8.GetString(request.Content).ShouldNotContain("null");
    }

    [Theory]
    [InlineData("ListImportTasks", "/importtasks")]
    [InlineData("ListGraphs", "/graphs")]
    [InlineData("GetImportTask", "/importtasks/t-0123456789")]
    public void Marshall_OtherOperations_UseModelPaths(string operation, string path)
    {
        // Arrange
        object input = operation switch
        {
            "ListImportTasks" => new ListImportTasksRequest(),
            "ListGraphs" => new ListGraphsRequest(),
            _ => new GetImportTaskRequest { TaskIdentifier = "t-0123456789" },
        };

        // Act
        var request = Marshall(input);

        // Assert
        request.HttpMethod.ShouldBe("GET");
        AmazonServiceClient.ComposeUrl(request).AbsolutePath.ShouldBe(path);
    }

    private static Amazon.Runtime.Internal.IRequest Marshall(object input)
    {
        var request = NeptuneGraphRequestMarshaller.Instance.Marshall(new WireRequest(input));
        request.Endpoint = Endpoint;
        return request;
    }
}
