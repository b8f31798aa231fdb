using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("TaskId", "t-abcdefghij", true)]
    [InlineData("TaskId", "t-0123456789", true)]
    [InlineData("TaskId", "t-abcdefghij\n", false)]
    [InlineData("TaskId", "t-ABCDEFGHIJ", false)]
    [InlineData("TaskId", "t-abcdefghi", false)]
    [InlineData("TaskId", "xt-abcdefghij", false)]
    [InlineData("TaskId", "", false)]
    [InlineData("RoleArn", "arn:aws:iam::123456789012:role/NeptuneExport", true)]
    [InlineData("RoleArn", "arn:aws-us-gov:iam::123456789012:role/service-role/Export", true)]
    [InlineData("RoleArn", "arn:aws:iam::12345:role/Export", false)]
    [InlineData("RoleArn", "arn:aws:iam::123456789012:user/Export", false)]
    [InlineData("KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555", true)]
    [InlineData("KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/export", false)]
    [InlineData("KmsKeyArn", "11111111-2222-3333-4444-555555555555", false)]
    public void ModelPattern_Value_MatchesOnlyWholeValuesOfTheModelPattern(string pattern, string value, bool expected)
    {
        var regex = pattern switch
        {
            "TaskId" => ModelPatterns.TaskId(),
            "RoleArn" => ModelPatterns.RoleArn(),
            "KmsKeyArn" => ModelPatterns.KmsKeyArn(),
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "no such model pattern in this test"),
        };

        regex.IsMatch(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("kmsKeyIdentifier", "arn:aws-cn:kms:cn-north-1:123456789012:key/11111111-2222-3333-4444-555555555555", null)]
    [InlineData("kmsKeyIdentifier", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/11111111-2222-3333-4444-555555555555", null)]
    [InlineData("kmsKeyIdentifier", "arn:aws-iso:kms:us-iso-east-1:123456789012:key/11111111-2222-3333-4444-555555555555", "kmsKeyIdentifier")]
    [InlineData("roleArn", "arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/export", "roleArn")]
    [InlineData("roleArn", "arn:aws:iam::123456789012:role/exporté", "roleArn")]
    [InlineData("roleArn", "arn:aws:iam::123456789012:role/service-role/export_2+a=b,c.d@e-f", null)]
    [InlineData("tagKey", "team", null)]
    [InlineData("tagKey", "aws:team", "tags.key")]
    [InlineData("tagKey", "team:aws:x", null)]
    public void CheckStartExportTask_OneMemberSet_AnswersAsTheServiceDoes(string member, string value, string? violated)
    {
        ShouldBeAnsweredNaming(StartExportTaskWith(member, value), violated);
    }

    /// <summary>Smithy's length trait counts a string's Unicode scalar values: "😀" is one, though two UTF-16 units.</summary>
    [Theory]
    [InlineData("tagValue", 200, null)]
    [InlineData("tagValue", 256, null)]
    [InlineData("tagValue", 257, "tags.team")]
    [InlineData("destination", 1024, null)]
    [InlineData("destination", 1025, "destination")]
    public void CheckStartExportTask_AstralCharacters_CountOnceTowardsTheLength(string member, int count, string? violated)
    {
        ShouldBeAnsweredNaming(StartExportTaskWith(member, string.Concat(Enumerable.Repeat("😀", count))), violated);
    }

    [Fact]
    public void ThrowIfInvalid_TwoViolations_ReportsBothInOneValidationException()
    {
        // Arrange
        var validator = new RequestValidator();
        validator.Required(null, "roleArn");
        validator.Range(0, "maxResults", 1, 100);

        // Act
        var error = Should.Throw<ApiException>(validator.ThrowIfInvalid);

        // Assert
        error.StatusCode.ShouldBe(400);
        error.ErrorType.ShouldBe("ValidationException");
        error.Reason.ShouldBe("CONSTRAINT_VIOLATION");
        error.Message.ShouldStartWith("2 validation errors detected:");
        error.Message.ShouldContain("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        error.Message.ShouldContain("Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    [Fact]
    public void ThrowIfInvalid_NoViolation_DoesNotThrow()
    {
        // Arrange
        var validator = new RequestValidator();
        validator.Range(100, "maxResults", 1, 100);
        validator.OneOf("CSV", "format", ["PARQUET", "CSV"]);

        // Act
        var act = validator.ThrowIfInvalid;

        // Assert
        Should.NotThrow(act);
    }

    [Theory]
    [InlineData("""{"vertexFilter":{"person":{"properties":{"name":{"outputType":"String","multiValueHandling":"TO_LIST"}}}}}""", null)]
    [InlineData("""{"vertexFilter":{"person":{"properties":{"bad-name":{"outputType":"String"}}}}}""", "exportFilter.vertexFilter.person.properties.key")]
    [InlineData("""{"edgeFilter":{"knows":{"properties":{"since":{"outputType":"Date"}}}}}""", "exportFilter.edgeFilter.knows.properties.since.outputType")]
    [InlineData("""{"labelFilter":{}}""", "exportFilter.labelFilter")]
    public void ExportFilter_Shape_ChecksModelConstraints(string json, string? badMember)
    {
        // Arrange
        var validator = new RequestValidator();
        using var document = JsonDocument.Parse(json);

        // Act
        validator.ExportFilter(document.RootElement);
        var error = Record.Exception(validator.ThrowIfInvalid);

        // Assert
        if (badMember is null)
        {
            error.ShouldBeNull();
        }
        else
        {
            error.ShouldBeOfType<ApiException>().Message.ShouldContain($"at '{badMember}'");
        }
    }

    [Theory]
    [InlineData("""{"neptune":{"s3ExportPath":"s3://a/","s3ExportKmsKeyId":"k"}}""", true)]
    [InlineData("""{"neptune":{"s3ExportPath":"s3://a/"}}""", false)]
    [InlineData("""{"other":{}}""", false)]
    public void ImportOptions_Union_NeedsNeptuneWithRequiredMembers(string json, bool valid)
    {
        // Arrange
        var validator = new RequestValidator();
        using var document = JsonDocument.Parse(json);

        // Act
        validator.ImportOptions(document.RootElement);

        // Assert
        (Record.Exception(validator.ThrowIfInvalid) is null).ShouldBe(valid);
    }

    private static StartExportTaskInput ValidExport => new(
        "g-orders0001", TestAccount.RoleArn, "CSV", "s3://exports/orders/", TestAccount.KmsKeyArn, ParquetType: null, ExportFilter: null, Tags: null);

    /// <summary>What <see cref="RequestValidator.CheckStartExportTask"/> throws for a valid request with one member set, or null.</summary>
    private static Exception? StartExportTaskWith(string member, string value)
    {
        var input = member switch
        {
            "roleArn" => ValidExport with { RoleArn = value },
            "kmsKeyIdentifier" => ValidExport with { KmsKeyIdentifier = value },
            "destination" => ValidExport with { Destination = value },
            "tagKey" => ValidExport with { Tags = new() { [value] = "data" } },
            "tagValue" => ValidExport with { Tags = new() { ["team"] = value } },
            _ => throw new ArgumentOutOfRangeException(nameof(member), member, "no such member in this test"),
        };
        return Record.Exception(() => RequestValidator.CheckStartExportTask(input));
    }

    /// <summary>No error for an accepted request; else the 400 ValidationException naming the one member that broke the model.</summary>
    private static void ShouldBeAnsweredNaming(Exception? error, string? violated)
    {
        if (violated is null)
        {
            error.ShouldBeNull();
            return;
        }

        var refusal = error.ShouldBeOfType<ApiException>();
        refusal.StatusCode.ShouldBe(400);
        refusal.Message.ShouldStartWith("1 validation error detected:");
        refusal.Message.ShouldContain($"at '{violated}' failed to satisfy constraint");
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(70000, 1)]
    [InlineData(0, 0)]
    [InlineData(0, double.NaN)]
    public void EmulatorOptionsValidate_BadPortOrSpeed_ThrowsNamingIt(int port, double speed)
    {
        // Arrange
        var options = new EmulatorOptions(Port: port, Speed: speed);

        // Act
        var error = Should.Throw<ArgumentException>(options.Validate);

        // Assert
        error.ParamName.ShouldBeOneOf("Port", "Speed");
    }

    [Theory]
    [InlineData("""{"graphs":[{"id":"g-same000001","name":"a"},{"id":"g-same000001","name":"b"}]}""", "g-same000001")]
    [InlineData("""{"graphs":[],"graphz":[]}""", "graphz")]
    [InlineData("""{"graphs":[{"id":"g-orders0001","name":"orders"}],"exportTasks":[{"graphId":"g-orders0001","listingLagSeconds":5}]}""", "needs a fixed taskId")]
    [InlineData("""{"graphs":[{"id":"g-orders0001","name":"orders"}],"exportTasks":[{"graphId":"g-orders0001","omitFromListing":{}}]}""", "needs a fixed taskId")]
    [InlineData("""{"graphs":[{"id":"g-orders0001","name":"orders"}],"exportTasks":[{"graphId":"g-orders0001","taskId":"t-omitted001","omitFromListing":{"listings":0}}]}""", "at least 1")]
    [InlineData("""{"graphs":[{"id":"g-orders0001","name":"orders"}],"exportTasks":[{"graphId":"g-orders0001","taskId":"t-lagging001","listingLagSeconds":-1}]}""", "outside 0..")]
    public async Task ScenarioLoadAsync_InvalidFile_ThrowsInvalidDataNamingFileAndProblem(string json, string problem)
    {
        // Arrange
        using var file = await ScenarioFile.WriteAsync(json);

        // Act
        var error = await Should.ThrowAsync<InvalidDataException>(file.LoadAsync);

        // Assert
        error.Message.ShouldContain(file.Path);
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public async Task ScenarioLoadAsync_ShippedDemoScenario_LoadsGraphsAndTasks()
    {
        // Arrange
        var path = Path.Combine(AppContext.BaseDirectory, "scenarios", "demo.json");

        // Act
        var scenario = await EmulatorScenario.LoadAsync(path, TestContext.Current.CancellationToken);

        // Assert
        scenario.Graphs.Count.ShouldBe(3);
        scenario.ExportTasks.ShouldNotBeNull().Count.ShouldBe(2);
        scenario.ExportTasks[1].FailAtProgress.ShouldBe(60);
    }
}
