using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>The emulator's SigV4 verifier against what the official JS client signs.</summary>
public sealed class SigV4ConformanceTests : EmulatorConformance
{
    private const string AccessKeyId = "AKIAEMULATORTEST0001";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//session+token=";

    [Fact]
    public async Task SignedRequests_RightCredentials_AreAcceptedForEveryMethodAndQuery()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Credentials: new EmulatorCredentials(AccessKeyId, Secret)));
        var settings = Settings(Secret);

        // Act
        var results = await RunAsync([Call("ListGraphs", new { maxResults = 1 }), StartExport()], settings);
        var taskId = results[1].Get("taskId");
        var more = await RunAsync(
            [
                GetExport(taskId),
                Call("ListExportTasks", new { graphIdentifier = "g-orders0001", maxResults = 10 }),
                Call("CancelExportTask", new { taskIdentifier = taskId }),
                Call("StartImportTask", new { graphIdentifier = "g-social0001", source = "s3://bucket/with space/ü", roleArn = TestAccount.RoleArn }),
            ],
            Settings(Secret));

        // Assert
        results.Concat(more).ShouldAllBe(result => result.Ok);
    }

    [Fact]
    public async Task SignedRequest_WrongSecret_RaisesInvalidSignatureException()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Credentials: new EmulatorCredentials(AccessKeyId, Secret)));

        // Act
        var results = await RunAsync([Call("ListGraphs"), StartExport()], Settings("not-the-secret"));

        // Assert
        foreach (var result in results)
        {
            result.Name.ShouldBe("InvalidSignatureException", result.ToString());
            result.Status.ShouldBe(403);
            result.Message.ShouldStartWith("The request signature we calculated does not match the signature you provided.");
            result.Node["serviceException"]!.GetValue<bool>().ShouldBeTrue();
        }
    }

    [Fact]
    public async Task SignedRequest_UnknownAccessKey_RaisesUnrecognizedClientException()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Credentials: new EmulatorCredentials(AccessKeyId, Secret)));
        var settings = new JsonObject { ["credentials"] = new JsonObject { ["accessKeyId"] = "AKIAUNKNOWN000000000", ["secretAccessKey"] = Secret } };

        // Act
        var result = await RunOneAsync(Call("ListGraphs"), settings);

        // Assert
        result.Name.ShouldBe("UnrecognizedClientException", result.ToString());
        result.Status.ShouldBe(403);
        result.Message.ShouldBe("The security token included in the request is invalid.");
    }

    [Fact]
    public async Task SignedRequest_SessionCredentials_AcceptedWithTokenRefusedWithout()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Credentials: new EmulatorCredentials(AccessKeyId, Secret, SessionToken)));

        // Act
        var withToken = await RunOneAsync(Call("ListGraphs"), Settings(Secret, SessionToken));
        var withoutToken = await RunOneAsync(Call("ListGraphs"), Settings(Secret));
        var wrongToken = await RunOneAsync(Call("ListGraphs"), Settings(Secret, "another-token"));

        // Assert
        withToken.Ok.ShouldBeTrue(withToken.ToString());
        withoutToken.Name.ShouldBe("UnrecognizedClientException", withoutToken.ToString());
        withoutToken.Status.ShouldBe(403);
        wrongToken.Name.ShouldBe("UnrecognizedClientException", wrongToken.ToString());
    }

    [Fact]
    public async Task SignedRequest_SignedForAnotherRegion_RaisesInvalidSignatureException()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Credentials: new EmulatorCredentials(AccessKeyId, Secret)));
        var settings = Settings(Secret);
        settings["region"] = "eu-west-1";

        // Act
        var result = await RunOneAsync(Call("ListGraphs"), settings);

        // Assert
        result.Name.ShouldBe("InvalidSignatureException", result.ToString());
        result.Status.ShouldBe(403);
        result.Message!.ShouldContain("region");
    }

    private static JsonObject Settings(string secret, string? sessionToken = null)
    {
        var credentials = new JsonObject { ["accessKeyId"] = AccessKeyId, ["secretAccessKey"] = secret };
        if (sessionToken is not null)
        {
            credentials["sessionToken"] = sessionToken;
        }

        return new JsonObject { ["credentials"] = credentials };
    }
}
