namespace NeptuneNotifier.IntegrationTests.Cli;

/// <summary>
/// The CLI's AWS profile as the AWS CLI reads it: <c>--profile</c> signs with the profile's keys even when the
/// environment holds others, and the profile's region comes after <c>--region</c>, <c>AWS_REGION</c> and
/// <c>AWS_DEFAULT_REGION</c>. A fake DynamoDB records how each request was signed.
/// </summary>
public sealed class ProfileFlagTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("nn-profile-").FullName;
    private readonly CaptureServer dynamoDb = new(_ => CannedResponse.Json(200, """{"Count":0,"Items":[],"ScannedCount":0}""", contentType: "application/x-amz-json-1.0"));

    public ValueTask InitializeAsync()
    {
        File.WriteAllText(Path.Combine(folder, "config"), """
            [default]
            region = eu-central-1

            [profile ops]
            region = ap-southeast-2

            [profile regional]
            region = ca-central-1

            [profile misspelt]
            region = Mars
            """);
        File.WriteAllText(Path.Combine(folder, "credentials"), """
            [default]
            aws_access_key_id = AKIDDEFAULTPROFILE
            aws_secret_access_key = default-secret

            [ops]
            aws_access_key_id = AKIDOPSPROFILE
            aws_secret_access_key = ops-secret
            """);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await dynamoDb.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("--profile ops", "", "AKIDOPSPROFILE/", "/ap-southeast-2/dynamodb/")]
    [InlineData("--profile ops --region us-west-2", "", "AKIDOPSPROFILE/", "/us-west-2/dynamodb/")]
    [InlineData("--profile ops", "AWS_REGION=eu-west-1", "AKIDOPSPROFILE/", "/eu-west-1/dynamodb/")]
    [InlineData("--profile ops", "AWS_DEFAULT_REGION=eu-north-1", "AKIDOPSPROFILE/", "/eu-north-1/dynamodb/")]
    [InlineData("", "AWS_PROFILE=ops", "AKIDENVIRONMENT/", "/ap-southeast-2/dynamodb/")]
    [InlineData("", "", "AKIDENVIRONMENT/", "/eu-central-1/dynamodb/")]
    [InlineData("--region us-west-2", "", "AKIDENVIRONMENT/", "/us-west-2/dynamodb/")]
    [InlineData("--profile regional", "", "AKIDENVIRONMENT/", "/ca-central-1/dynamodb/")]
    public async Task List_Profile_SignsAndFindsTheRegionAsTheAwsCliDoes(string flags, string variable, string accessKey, string scope)
    {
        var environment = Environment();
        if (variable.Split('=') is [var name, var value])
        {
            environment[name] = value;
        }

        var result = await CliProcess.RunAsync(environment, folder, TestContext.Current.CancellationToken, [.. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries), "list", "--table", "state-table"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        var authorization = dynamoDb.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldNotBeNull();
        authorization.ShouldContain($"Credential={accessKey}");
        authorization.ShouldContain(scope);
    }

    [Theory]
    [InlineData("nosuch", "--profile 'nosuch': no such profile")]
    [InlineData("misspelt", "The AWS profile 'misspelt' has region 'mars', which is not an AWS Region name")]
    public async Task List_UnusableProfileFlag_ExitsTwoNamingIt(string profile, string expected)
    {
        var result = await CliProcess.RunAsync(Environment(), folder, TestContext.Current.CancellationToken, "--profile", profile, "list", "--table", "state-table");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain(expected);
        dynamoDb.Requests.ShouldBeEmpty();
    }

    // Keys in the environment, as a shell set up for another account holds them; the shared files in the test's folder.
    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT",
        ["AWS_SECRET_ACCESS_KEY"] = "environment-secret",
        ["AWS_CONFIG_FILE"] = Path.Combine(folder, "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(folder, "credentials"),
        ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.Endpoint.ToString(),
    };
}
