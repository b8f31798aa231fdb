using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>Every error the API model lists for the emulated operations, as the official JS client raises it.</summary>
public sealed class ErrorConformanceTests : EmulatorConformance
{
    private const string KnownTask = "t-aaaaaaaaaa";

    // The errors list of each operation in the neptune-graph API model (service-2.json).
    private static readonly Dictionary<string, string[]> ModeledErrors = new()
    {
        ["ListGraphs"] = ["ThrottlingException", "InternalServerException", "ResourceNotFoundException"],
        ["StartExportTask"] = ["ThrottlingException", "ValidationException", "ConflictException", "InternalServerException", "ResourceNotFoundException"],
        ["GetExportTask"] = ["ThrottlingException", "ValidationException", "InternalServerException", "ResourceNotFoundException"],
        ["ListExportTasks"] = ["ThrottlingException", "ValidationException", "InternalServerException", "ResourceNotFoundException"],
        ["CancelExportTask"] = ["ThrottlingException", "ValidationException", "ConflictException", "InternalServerException", "ResourceNotFoundException"],
        ["StartImportTask"] = ["ThrottlingException", "ValidationException", "ConflictException", "InternalServerException", "ResourceNotFoundException"],
        ["GetImportTask"] = ["ThrottlingException", "ValidationException", "InternalServerException", "ResourceNotFoundException"],
        ["ListImportTasks"] = ["ThrottlingException", "ValidationException", "InternalServerException", "ResourceNotFoundException"],
    };

    private static readonly Dictionary<string, int> StatusCodes = new()
    {
        ["ThrottlingException"] = 429,
        ["ValidationException"] = 400,
        ["ConflictException"] = 409,
        ["InternalServerException"] = 500,
        ["ResourceNotFoundException"] = 404,
    };

    public static TheoryData<string> Operations() => [.. ModeledErrors.Keys];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task ModeledErrors_InjectedForOperation_ClientRaisesTypedErrorWithStatusAndReason(string operation)
    {
        // Arrange
        await StartAsync();
        var errors = ModeledErrors[operation];
        var steps = new List<JsonObject>();
        foreach (var error in errors)
        {
            steps.Add(Control("POST", $"/_emulator/faults/{operation}/errors", new { error, message = $"injected {error}" }));
            steps.Add(ValidCall(operation));
        }

        // Act
        var results = await RunAsync(steps);

        // Assert
        for (var i = 0; i < errors.Length; i++)
        {
            var (error, injected, result) = (errors[i], results[2 * i], results[(2 * i) + 1]);
            injected.Status.ShouldBe(204, injected.ToString());
            result.Ok.ShouldBeFalse(result.ToString());
            result.Name.ShouldBe(error);
            result.Typed.ShouldBeTrue($"{operation}: {error} should be the client's own {error} class: {result}");
            result.Status.ShouldBe(StatusCodes[error]);
            result.Message.ShouldBe($"injected {error}");
            result.Node["fault"]!.GetValue<string>().ShouldBe(error == "InternalServerException" ? "server" : "client");
            switch (error)
            {
                case "ValidationException":
                    result.Reason.ShouldBe("BAD_REQUEST");
                    break;
                case "ConflictException":
                    result.Reason.ShouldBe("CONCURRENT_MODIFICATION");
                    break;
                default:
                    result.Reason.ShouldBeNull();
                    break;
            }
        }
    }

    public static TheoryData<string, string, string> InvalidRequests() => new()
    {
        { "GetExportTask", """{"taskIdentifier":"T-ABCDEFGHIJ"}""", "taskIdentifier" },
        { "GetExportTask", """{"taskIdentifier":"t-abcdefghij\n"}""", "taskIdentifier" },
        { "GetExportTask", """{"taskIdentifier":"t-abcdefghijk"}""", "taskIdentifier" },
        { "GetExportTask", """{"taskIdentifier":"xt-abcdefghij"}""", "taskIdentifier" },
        { "CancelExportTask", """{"taskIdentifier":"t-short"}""", "taskIdentifier" },
        { "GetImportTask", """{"taskIdentifier":"g-abcdefghij"}""", "taskIdentifier" },
        { "ListExportTasks", """{"graphIdentifier":"g-UPPERCASE0"}""", "graphIdentifier" },
        { "ListExportTasks", """{"maxResults":0}""", "maxResults" },
        { "ListExportTasks", """{"maxResults":101}""", "maxResults" },
        { "ListImportTasks", """{"maxResults":101}""", "maxResults" },
        { "ListGraphs", """{"maxResults":101}""", "maxResults" },
        { "StartExportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"arn:aws:iam::123:role/x","format":"CSV","destination":"s3://b/","kmsKeyIdentifier":"{{TestAccount.KmsKeyArn}}"}""", "roleArn" },
        { "StartExportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"{{TestAccount.RoleArn}}","format":"CSV","destination":"s3://b/","kmsKeyIdentifier":"alias/my-key"}""", "kmsKeyIdentifier" },
        { "StartExportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"{{TestAccount.RoleArn}}","format":"CSV","destination":"s3://b/","kmsKeyIdentifier":"arn:aws-iso:kms:us-iso-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"}""", "kmsKeyIdentifier" },
        { "StartExportTask", $$$"""{"graphIdentifier":"g-orders0001","roleArn":"{{{TestAccount.RoleArn}}}","format":"CSV","destination":"s3://b/","kmsKeyIdentifier":"{{{TestAccount.KmsKeyArn}}}","tags":{"aws:team":"data"}}""", "tags.key" },
        { "StartExportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"{{TestAccount.RoleArn}}","format":"JSON","destination":"s3://b/","kmsKeyIdentifier":"{{TestAccount.KmsKeyArn}}"}""", "format" },
        { "StartExportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"{{TestAccount.RoleArn}}","format":"CSV","destination":"s3://b/"}""", "kmsKeyIdentifier" },
        { "StartExportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"{{TestAccount.RoleArn}}","format":"CSV","destination":"s3://b/","kmsKeyIdentifier":"{{TestAccount.KmsKeyArn}}","parquetType":"ROWS"}""", "parquetType" },
        { "StartImportTask", $$"""{"graphIdentifier":"g-orders0001","source":"s3://b/k","roleArn":"{{TestAccount.RoleArn}}","format":"XML"}""", "format" },
        { "StartImportTask", $$"""{"graphIdentifier":"g-orders0001","roleArn":"{{TestAccount.RoleArn}}"}""", "source" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Operation_InputBreaksModelConstraint_RaisesValidationExceptionNamingMember(string operation, string input, string member)
    {
        // Arrange
        await StartAsync();
        var step = new JsonObject { ["call"] = operation, ["input"] = JsonNode.Parse(input) };

        // Act
        var result = await RunOneAsync(step);

        // Assert
        ShouldBeTypedError(result, "ValidationException", 400);
        result.Reason.ShouldBe("CONSTRAINT_VIOLATION");
        result.Message!.ShouldContain($"at '{member}' failed to satisfy constraint");
    }

    /// <summary>A task operation on a task, or a graph operation on a graph, that does not exist: 404, naming it.</summary>
    [Theory]
    [InlineData("GetExportTask")]
    [InlineData("CancelExportTask")]
    [InlineData("GetImportTask")]
    [InlineData("StartExportTask")]
    [InlineData("ListExportTasks")]
    [InlineData("StartImportTask")]
    public async Task Operation_UnknownTaskOrGraph_RaisesResourceNotFoundExceptionNamingIt(string operation)
    {
        // Arrange
        await StartAsync();
        var (step, missing) = operation switch
        {
            "StartExportTask" => (StartExport("g-missing000"), "g-missing000"),
            "ListExportTasks" => (Call(operation, new { graphIdentifier = "g-missing000" }), "g-missing000"),
            "StartImportTask" => (Call(operation, new { graphIdentifier = "g-missing000", source = "s3://b/k", roleArn = TestAccount.RoleArn }), "g-missing000"),
            _ => (Call(operation, new { taskIdentifier = "t-0000000000" }), "t-0000000000"),
        };

        // Act
        var result = await RunOneAsync(step);

        // Assert
        ShouldBeTypedError(result, "ResourceNotFoundException", 404);
        result.Message!.ShouldContain(missing);
    }

    [Fact]
    public async Task UnknownRoute_AnyRequest_AnswersUnknownOperationException()
    {
        // Arrange
        await StartAsync();

        // Act
        var result = await RunOneAsync(Control("GET", "/snapshots"));

        // Assert
        result.Status.ShouldBe(404);
        result.Node["body"]!["message"]!.GetValue<string>().ShouldContain("/snapshots");
    }

    // The error as the official client raised it: its own class for the error, with the HTTP status.
    private static void ShouldBeTypedError(DriverResult result, string name, int status)
    {
        result.Name.ShouldBe(name, result.ToString());
        result.Typed.ShouldBeTrue();
        result.Status.ShouldBe(status);
    }

    private static JsonObject ValidCall(string operation) => operation switch
    {
        "StartExportTask" => StartExport(),
        "GetExportTask" or "CancelExportTask" or "GetImportTask" => Call(operation, new { taskIdentifier = KnownTask }),
        "StartImportTask" => Call(operation, new { graphIdentifier = "g-orders0001", source = "s3://b/k", roleArn = TestAccount.RoleArn }),
        _ => Call(operation),
    };
}
