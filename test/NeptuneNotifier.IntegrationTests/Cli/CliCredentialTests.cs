using System.Security.Cryptography;
using System.Text;

namespace NeptuneNotifier.IntegrationTests.Cli;

/// <summary>
/// The CLI signs in as operators do. <c>--profile</c> signs with the profile's keys even when the environment holds
/// others, and the profile's region comes after <c>--region</c>, <c>AWS_REGION</c> and <c>AWS_DEFAULT_REGION</c>, as
/// in the AWS CLI. AWSSDK.Core's default credential chain loads the STS client by reflection for assume-role profiles
/// and web identity, and the SSO and SSO OIDC clients for IAM Identity Center profiles, so the CLI ships those
/// assemblies (moto's STS hands out keys starting with ASIA, as STS does). Each test runs the real process against a
/// DynamoDB stand-in that records how each request was signed.
/// </summary>
public sealed class CliCredentialTests(MotoFixture moto) : IAsyncDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/operator";
    private const string Table = "cli-credentials";
    private const string EmptyQuery = """{"Count":0,"Items":[],"ScannedCount":0}""";

    private readonly string home = Directory.CreateTempSubdirectory("neptune-notifier-cli-home-").FullName;
    private readonly CaptureServer dynamoDb = new(_ => CannedResponse.Json(200, EmptyQuery, contentType: "application/x-amz-json-1.0"));

    public async ValueTask DisposeAsync()
    {
        await dynamoDb.DisposeAsync();
        Directory.Delete(home, recursive: true);
    }

    // Profiles with and without keys and regions; the environment holds keys too, as a shell set up for another account.
    private const string Profiles = """
        [default]
        region = eu-central-1

        [profile ops]
        region = ap-southeast-2

        [profile regional]
        region = ca-central-1

        [profile misspelt]
        region = Mars
        """;

    private const string ProfileKeys = """
        [default]
        aws_access_key_id = AKIDDEFAULTPROFILE
        aws_secret_access_key = default-secret

        [ops]
        aws_access_key_id = AKIDOPSPROFILE
        aws_secret_access_key = ops-secret
        """;

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
        var environment = EnvironmentWithKeys();
        if (variable.Split('=') is [var name, var value])
        {
            environment[name] = value;
        }

        var result = await CliProcess.RunAsync(environment, home, TestContext.Current.CancellationToken, [.. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries), "list", "--table", Table]);

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
        var result = await CliProcess.RunAsync(EnvironmentWithKeys(), home, TestContext.Current.CancellationToken, "--profile", profile, "list", "--table", Table);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain(expected);
        dynamoDb.Requests.ShouldBeEmpty();
    }

    /// <summary>STS AssumeRole with the source profile's keys (<c>--profile role</c>), or AssumeRoleWithWebIdentity with the token file (no profile).</summary>
    [Theory]
    [InlineData("role")]
    [InlineData(null)]
    public async Task List_RoleFromSts_SignsWithTheRolesCredentials(string? profile)
    {
        var environment = Environment("""
            [profile base]
            aws_access_key_id = AKIDCLIBASE
            aws_secret_access_key = cli-base-secret

            [profile role]
            role_arn = arn:aws:iam::123456789012:role/operator
            source_profile = base
            """);
        environment["AWS_ENDPOINT_URL_STS"] = (await moto.EndpointAsync(TestContext.Current.CancellationToken)).ToString();
        if (profile is null)
        {
            var token = Path.Combine(home, "web-identity.token");
            File.WriteAllText(token, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciJ9.");
            environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = token;
            environment["AWS_ROLE_ARN"] = RoleArn;
        }

        var result = await ListAsync(environment, profile);

        AssertSignedWithTemporaryCredentials(result, "ASIA");
    }

    /// <summary>
    /// An IAM Identity Center profile with a cached token: the SDK reads the token and calls the portal's
    /// GetRoleCredentials (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html),
    /// which moto does not serve, so one recorded answer stands in for it.
    /// </summary>
    [Fact]
    public async Task List_SsoProfileWithCachedToken_SignsWithThePortalsRoleCredentials()
    {
        var expiration = TimeProvider.System.GetUtcNow().AddHours(1);
        await using var portal = new CaptureServer(_ => CannedResponse.Json(200, $$$"""
            {"roleCredentials":{"accessKeyId":"ASIACLISSOPORTAL","secretAccessKey":"sso-secret","sessionToken":"sso-session-token","expiration":{{{expiration.ToUnixTimeMilliseconds()}}}}}
            """));
        var environment = SsoEnvironment(portal.Endpoint, expiration);

        var result = await ListAsync(environment, "sso");

        AssertSignedWithTemporaryCredentials(result, "ASIACLISSOPORTAL");
        var call = portal.Requests.ShouldHaveSingleItem(result.ToString());
        call.RawUrl.ShouldBe("/federation/credentials?account_id=123456789012&role_name=Operator");
        call.Header("x-amz-sso_bearer_token").ShouldBe("cached-sso-token");
    }

    /// <summary>
    /// The session an operator meets most often ended, as IAM Identity Center sessions do after hours: no token cached
    /// (never signed in), one expired without a refresh token, or one the portal no longer honours (401). The CLI says
    /// to run <c>aws sso login</c> for the profile in use, after the SDK's own words.
    /// </summary>
    [Theory]
    [InlineData(null, "--profile", "error: No valid SSO Token could be found: the IAM Identity Center (SSO) session of AWS profile 'sso' has ended or was never started.")]
    [InlineData(null, "AWS_PROFILE", "error: AWS profile 'sso' signs in through IAM Identity Center (SSO), and no session of it is cached (~/.aws/sso/cache).")]
    [InlineData(-1, "AWS_PROFILE", "error: SSO Token has expired and can not be refreshed: the IAM Identity Center (SSO) session of AWS profile 'sso' has ended or was never started.")]
    [InlineData(1, "--profile", "error: AWS answered UnauthorizedException (401): Session token not found or invalid: the IAM Identity Center (SSO) session of AWS profile 'sso' has ended or was never started.")]
    public async Task List_SsoSessionEnded_SaysToSignInAgainWithTheProfile(int? expiresInHours, string namedBy, string expected)
    {
        await using var portal = new CaptureServer(_ => new CannedResponse(
            401, """{"message":"Session token not found or invalid"}""", new Dictionary<string, string> { ["Content-Type"] = "application/json", ["x-amzn-ErrorType"] = "UnauthorizedException" }));
        var environment = SsoEnvironment(portal.Endpoint, expiresInHours is { } hours ? TimeProvider.System.GetUtcNow().AddHours(hours) : null);
        if (namedBy == "AWS_PROFILE")
        {
            environment["AWS_PROFILE"] = "sso";
        }

        var result = await ListAsync(environment, namedBy == "--profile" ? "sso" : null);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StandardError.ShouldBe($"{expected} Run 'aws sso login --profile sso', then try again.{System.Environment.NewLine}");
        dynamoDb.Requests.ShouldBeEmpty();
    }

    /// <summary>
    /// A machine with no credentials at all, the first thing an operator may meet: where the SDK looked and what to run,
    /// in one line, rather than its four exceptions. A profile named with <c>--profile</c> that holds no keys (a region
    /// only) is named too.
    /// </summary>
    [Theory]
    [InlineData(null, "none in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), no 'default' profile (~/.aws/config, ~/.aws/credentials), no web identity token (AWS_WEB_IDENTITY_TOKEN_FILE) and no instance role. Run 'aws configure' or 'aws sso login', or name a profile with --profile.")]
    [InlineData("ops", "profile 'ops' holds none that can be used (keys, a role, an SSO session or a credential_process), and the environment holds no keys. Check it in ~/.aws/config and ~/.aws/credentials, or run 'aws configure --profile ops'.")]
    public async Task List_NoCredentialsAnywhere_SaysWhereItLookedAndWhatToRun(string? profile, string expected)
    {
        var result = await ListAsync(Environment(Profiles.Replace("[default]", "[profile unused]", StringComparison.Ordinal)), profile);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StandardError.ShouldBe($"error: No AWS credentials: {expected}{System.Environment.NewLine}");
        dynamoDb.Requests.ShouldBeEmpty();
    }

    /// <summary>What the chain loads by reflection is listed in the CLI's deps.json and copied beside it, as a tool install lays it out.</summary>
    [Theory]
    [InlineData("AWSSDK.SecurityToken")]
    [InlineData("AWSSDK.SSO")]
    [InlineData("AWSSDK.SSOOIDC")]
    public void Output_CredentialChainAssembly_ShipsWithTheCli(string assembly)
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "neptune-notifier.deps.json")));
        var libraries = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject();

        libraries.Any(library => library.Name.StartsWith(assembly + "/", StringComparison.Ordinal)
                && library.Value.TryGetProperty("runtime", out var runtime)
                && runtime.EnumerateObject().Any(file => file.Name.EndsWith("/" + assembly + ".dll", StringComparison.Ordinal)))
            .ShouldBeTrue($"neptune-notifier.deps.json does not list {assembly}.dll");
        File.Exists(Path.Combine(AppContext.BaseDirectory, assembly + ".dll")).ShouldBeTrue($"{assembly}.dll is not beside neptune-notifier.dll");
    }

    // An IAM Identity Center profile whose portal is at portalEndpoint, with the token `aws sso login` would have cached
    // (expiring at tokenExpiresAt), or none. The cache is named by the SHA-1 of the session's name; AWS calls it an
    // implementation detail (https://github.com/aws/aws-cli/discussions/6869), and the SDKs share this layout.
    private Dictionary<string, string> SsoEnvironment(Uri portalEndpoint, DateTimeOffset? tokenExpiresAt)
    {
        var environment = Environment("""
            [profile sso]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Operator

            [sso-session corp]
            sso_start_url = https://example.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access
            """);
        environment["AWS_ENDPOINT_URL_SSO"] = portalEndpoint.ToString();
        var cache = Directory.CreateDirectory(Path.Combine(home, ".aws", "sso", "cache")).FullName;
        if (tokenExpiresAt is { } expiresAt)
        {
            File.WriteAllText(
                Path.Combine(cache, Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("corp"))) + ".json"),
                $$"""{"startUrl":"https://example.awsapps.com/start","region":"us-east-1","accessToken":"cached-sso-token","expiresAt":"{{expiresAt:yyyy-MM-ddTHH:mm:ssZ}}"}""");
        }

        return environment;
    }

    private void AssertSignedWithTemporaryCredentials(ProcessResult result, string accessKeyPrefix)
    {
        result.ExitCode.ShouldBe(0, result.ToString());
        result.StandardError.ShouldNotContain("could not be found or loaded");
        result.StandardOutput.ShouldContain($"No tasks are followed in DynamoDB table {Table} in us-east-1");
        var query = dynamoDb.Requests.ShouldHaveSingleItem(result.ToString());
        query.Header("X-Amz-Target").ShouldBe("DynamoDB_20120810.Query");
        query.Header("Authorization").ShouldNotBeNull().ShouldContain($"Credential={accessKeyPrefix}");
        query.Header("X-Amz-Security-Token").ShouldNotBeNullOrEmpty();
    }

    private Task<ProcessResult> ListAsync(Dictionary<string, string> environment, string? profile) => CliProcess.RunAsync(
        environment, home, TestContext.Current.CancellationToken,
        [.. profile is null ? [] : new[] { "--profile", profile }, "list", "--table", Table, "--region", "us-east-1"]);

    private Dictionary<string, string> EnvironmentWithKeys()
    {
        var environment = Environment(Profiles, ProfileKeys);
        environment["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT";
        environment["AWS_SECRET_ACCESS_KEY"] = "environment-secret";
        return environment;
    }

    // Only these files: HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point into the test's folder, so no
    // profile or cached token of the machine is read, and nothing falls through to the instance metadata service.
    private Dictionary<string, string> Environment(string config, string credentials = "")
    {
        var aws = Directory.CreateDirectory(Path.Combine(home, ".aws")).FullName;
        File.WriteAllText(Path.Combine(aws, "config"), config);
        File.WriteAllText(Path.Combine(aws, "credentials"), credentials);
        return new(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["AWS_CONFIG_FILE"] = Path.Combine(aws, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(aws, "credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.Endpoint.ToString(),
            ["AWS_MAX_ATTEMPTS"] = "1",
        };
    }
}
