using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

/// <summary>
/// The reference signatures were produced by @smithy/signature-v4 5.7.5 (test/node/emulator/sign-vector.mjs) for the
/// same requests, so the verifier is checked against an implementation it does not share code with.
/// </summary>
public sealed class SigV4VerifierTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly SignedRequest ListWithSessionToken = new(
        "GET",
        "/exporttasks",
        "graphIdentifier=g-orders0001&maxResults=5",
        new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1:8182",
            ["x-amz-date"] = "20261129T083000Z",
            ["x-amz-security-token"] = "session-token-example",
            ["x-amz-content-sha256"] = EmptyBodyHash,
            ["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/neptune-graph/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=a87600a1972dd603e7865d11a6d5bdbbc3df29d8468898bfe2085c2e1a2da503",
        },
        EmptyBodyHash);

    private static readonly SignedRequest StartImportWithBody = new(
        "POST",
        "/graphs/g-orders0001/importtasks",
        string.Empty,
        new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1:8182",
            ["content-type"] = "application/json",
            ["x-amz-date"] = "20261129T083000Z",
            ["x-amz-content-sha256"] = "adda81487e405e575219826952cafad7b0bcf450e4c7df3036dab2f7c81db28b",
            ["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/neptune-graph/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=e2dfdac98132eab714d642581e9ea918cbc49a35a284e09b233d5fd1339e05e2",
        },
        "adda81487e405e575219826952cafad7b0bcf450e4c7df3036dab2f7c81db28b");

    [Fact]
    public void Verify_ReferenceSignatureWithSessionToken_Accepts()
    {
        // Arrange
        var verifier = Verifier(sessionToken: "session-token-example");

        // Act
        var error = verifier.Verify(ListWithSessionToken);

        // Assert
        error.ShouldBeNull();
    }

    [Fact]
    public void Verify_ReferenceSignatureWithBody_Accepts()
    {
        // Arrange
        var verifier = Verifier();

        // Act
        var error = verifier.Verify(StartImportWithBody);

        // Assert
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("graphIdentifier=g-orders0001&maxResults=6")]
    [InlineData("graphIdentifier=g-social0001&maxResults=5")]
    public void Verify_QueryChangedAfterSigning_AnswersInvalidSignature(string query)
    {
        // Arrange
        var verifier = Verifier(sessionToken: "session-token-example");

        // Act
        var error = verifier.Verify(ListWithSessionToken with { RawQuery = query });

        // Assert
        ShouldBeForbidden(error, "InvalidSignatureException", SigV4Verifier.SignatureMismatchMessage);
    }

    [Fact]
    public void Verify_BodyDiffersFromDeclaredHash_AnswersInvalidSignature()
    {
        // Arrange
        var verifier = Verifier();

        // Act
        var error = verifier.Verify(StartImportWithBody with { PayloadSha256Hex = EmptyBodyHash });

        // Assert
        error.ShouldNotBeNull();
        error.ErrorType.ShouldBe("InvalidSignatureException");
        error.Message.ShouldContain("x-amz-content-sha256");
    }

    [Fact]
    public void Verify_WrongSecret_AnswersInvalidSignature()
    {
        // Arrange
        var verifier = Verifier(secret: "another-secret");

        // Act
        var error = verifier.Verify(StartImportWithBody);

        // Assert
        error.ShouldNotBeNull();
        error.ErrorType.ShouldBe("InvalidSignatureException");
    }

    [Theory]
    [InlineData("AKIDOTHER", "session-token-example")]
    [InlineData(AccessKeyId, "another-token")]
    [InlineData(AccessKeyId, null)]
    public void Verify_UnknownKeyOrToken_AnswersUnrecognizedClient(string accessKeyId, string? sessionToken)
    {
        // Arrange
        var verifier = Verifier(accessKeyId, sessionToken: sessionToken);

        // Act
        var error = verifier.Verify(ListWithSessionToken);

        // Assert
        ShouldBeForbidden(error, "UnrecognizedClientException", SigV4Verifier.InvalidTokenMessage);
    }

    [Fact]
    public void Verify_NoAuthorizationHeader_AnswersMissingAuthenticationToken()
    {
        // Arrange
        var verifier = Verifier();
        var headers = StartImportWithBody.Headers.Where(header => header.Key != "authorization").ToDictionary();

        // Act
        var error = verifier.Verify(StartImportWithBody with { Headers = headers });

        // Assert
        error.ShouldNotBeNull();
        error.ErrorType.ShouldBe("MissingAuthenticationTokenException");
        error.ErrorTypeSuffix.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/exporttasks/t-abc", "/exporttasks/t-abc")]
    [InlineData("/a/./b/../c/", "/a/c/")]
    [InlineData("/with%20space", "/with%2520space")]
    [InlineData("//double//slash", "/double/slash")]
    public void CanonicalUri_RawPath_IsNormalizedAndEncodedAgain(string rawPath, string expected) =>
        SigV4Verifier.CanonicalUri(rawPath).ShouldBe(expected);

    [Fact]
    public void CanonicalQuery_UnsortedEncodedPairs_AreSortedAndEncodedTheSigV4Way() =>
        SigV4Verifier.CanonicalQuery("b=2&a=x%20y&a=%2A&c").ShouldBe("a=%2A&a=x%20y&b=2&c=");

    private static SigV4Verifier Verifier(string accessKeyId = AccessKeyId, string secret = Secret, string? sessionToken = null) =>
        new(new EmulatorCredentials(accessKeyId, secret, sessionToken), "us-east-1");

    private static void ShouldBeForbidden(ApiException? error, string errorType, string message)
    {
        error.ShouldNotBeNull();
        (error.StatusCode, error.ErrorType, error.Message).ShouldBe((403, errorType, message));
    }
}
