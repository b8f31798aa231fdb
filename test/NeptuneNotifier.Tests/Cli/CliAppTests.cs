using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Cli;
using NeptuneNotifier.Core.Settings;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

public sealed class CliAppTests
{
    public static TheoryData<Exception, int, string> Failures => new()
    {
        { new CliUsageException("bad flag"), CliApp.Usage, "error: bad flag" },
        { new SettingsException(["MAX_CONCURRENCY: must be 1 to 64."]), CliApp.Usage, "error: " + new SettingsException(["MAX_CONCURRENCY: must be 1 to 64."]).Message },
        { new CliFailureException("no such task"), CliApp.Failure, "error: no such task" },
        { new StateTableException("table gone", new InvalidOperationException("inner")), CliApp.Failure, "error: table gone (--table, or --state <file> for the embedded store)." },
        { new NotFoundException(new("topic gone", null, ErrorType.Sender, "NotFound", "r", HttpStatusCode.NotFound)), CliApp.Failure, "error: AWS answered NotFound (404): topic gone" },
        { new AmazonClientException("no credentials"), CliApp.Failure, "error: no credentials" },
        {
            new AmazonClientException("SSO Token has expired and can not be refreshed"),
            CliApp.Failure,
            "error: SSO Token has expired and can not be refreshed: the IAM Identity Center (SSO) session of AWS profile 'default' has ended or was never started. Run 'aws sso login --profile default', then try again."
        },
        {
            new AmazonClientException("Failed to resolve AWS credentials. ... Exception 3 of 4: The profile [corp-sso] is an SSO profile.  This type of profile is not allowed here.  Please use a different type of profile."),
            CliApp.Failure,
            "error: AWS profile 'corp-sso' signs in through IAM Identity Center (SSO), and no session of it is cached (~/.aws/sso/cache). Run 'aws sso login --profile corp-sso', then try again."
        },
        {
            new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\n\nException 3 of 4: Unable to find the \"default\" profile."),
            CliApp.Failure,
            "error: No AWS credentials: none in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), no 'default' profile (~/.aws/config, ~/.aws/credentials), no web identity token (AWS_WEB_IDENTITY_TOKEN_FILE) and no instance role. Run 'aws configure' or 'aws sso login', or name a profile with --profile."
        },
        { new AmazonServiceException("bad keys", null, ErrorType.Sender, "UnrecognizedClientException", "r", HttpStatusCode.Unauthorized), CliApp.Failure, "error: AWS answered UnrecognizedClientException (401): bad keys" },
        { new HttpRequestException("connection refused"), CliApp.Failure, "error: connection refused" },
        {
            new HttpRequestException("Name or service not known (neptune-graph.sa-east-1.amazonaws.com:443)", new SocketException((int)SocketError.HostNotFound)),
            CliApp.Failure,
            "error: Name or service not known (neptune-graph.sa-east-1.amazonaws.com:443): no such host. Check --region (AWS_REGION): not every service is in every Region (Neptune Analytics: https://docs.aws.amazon.com/neptune-analytics/latest/userguide/analytics-limits.html), and any AWS_ENDPOINT_URL_* override."
        },
        { new IOException("disk full"), CliApp.Failure, "error: disk full" },
        { new UnauthorizedAccessException("Access to the path '/x' is denied."), CliApp.Failure, "error: Access to the path '/x' is denied." },
        { new InvalidDataException("bad file"), CliApp.Failure, "error: bad file" },
        { new TimeoutException("too slow"), CliApp.Failure, "error: too slow" },
        { new SqliteException("SQLite Error 5: 'locked'.", 5), CliApp.Failure, "error: SQLite Error 5: 'locked'." },
        { new UnprocessedKeysException("DynamoDB left 3 keys unprocessed"), CliApp.Failure, "error: DynamoDB left 3 keys unprocessed" },
        { new OperationCanceledException(), CliApp.Failure, "Stopped." },
        { new TaskCanceledException(), CliApp.Failure, "Stopped." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task RunAsync_BodyThrows_WritesOneLineAndReturnsItsExitCode(Exception thrown, int exitCode, string line)
    {
        // Arrange
        var (context, error) = Context();

        // Act
        var code = await CliApp.RunAsync(context, () => throw thrown);

        // Assert
        code.ShouldBe(exitCode);
        error.ToString().ShouldBe(line + Environment.NewLine);
    }

    [Fact]
    public async Task RunAsync_BodyReturns_PassesItsCodeAndWritesNothing()
    {
        // Arrange
        var (context, error) = Context();

        // Act
        var code = await CliApp.RunAsync(context, () => Task.FromResult(CliApp.Failure));

        // Assert
        code.ShouldBe(CliApp.Failure);
        error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_BodyHasABug_LetsItsExceptionThrough()
    {
        // Arrange
        var (context, error) = Context();

        // Act
        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => CliApp.RunAsync(context, () => throw new InvalidOperationException("a bug")));

        // Assert
        thrown.Message.ShouldBe("a bug");
        error.ToString().ShouldBeEmpty();
    }

    // Given before the command, a backend option parses; demo would not use it.
    [Theory]
    [InlineData("--table", "tasks")]
    [InlineData("--profile", "prod")]
    [InlineData("--region", "us-east-1")]
    public async Task InvokeAsync_DemoWithABackendOption_ExitsTwoNamingIt(string option, string value)
    {
        // Arrange
        var (context, error) = Context();

        // Act
        var code = await CliApp.InvokeAsync([option, value, "demo"], context, TestContext.Current.CancellationToken);

        // Assert
        code.ShouldBe(CliApp.Usage);
        error.ToString().ShouldBe($"error: demo runs on its own emulated Neptune Analytics and embedded store, so {option} is not used; it takes --state and --out.{Environment.NewLine}");
    }

    // A mistyped --state for a command that only reads or removes is an error, as a missing --table is; it creates nothing.
    [Theory]
    [InlineData("list")]
    [InlineData("list --json")]
    [InlineData("untrack t-abc123def4")]
    public async Task InvokeAsync_ReadingCommandOnAMissingStateFile_ExitsOneAndCreatesNothing(string commandLine)
    {
        // Arrange
        var (context, error) = Context();
        var path = Path.Combine(Path.GetTempPath(), $"neptune-notifier-missing-{Guid.NewGuid():N}", "state.db");

        // Act
        var code = await CliApp.InvokeAsync([.. commandLine.Split(' '), "--state", path], context, TestContext.Current.CancellationToken);

        // Assert
        code.ShouldBe(CliApp.Failure);
        error.ToString().ShouldBe($"error: No embedded store at {path}: check --state (track, poll and watch create the file; list and untrack read it).{Environment.NewLine}");
        Directory.Exists(Path.GetDirectoryName(path)).ShouldBeFalse();
    }

    // A typo gets the name it is closest to, as the AWS CLI and git give one; a token near no name gets none.
    [Theory]
    [InlineData("pol", "'pol': did you mean 'poll'?")]
    [InlineData("lsit --json", "'lsit': did you mean 'list'?")]
    [InlineData("poll --dryrun", "'--dryrun': did you mean '--dry-run'?")]
    [InlineData("list --tabel tasks", "'--tabel': did you mean '--table'?")]
    [InlineData("watch --intreval 5s", "'--intreval': did you mean '--interval'?")]
    [InlineData("demo --table", null)]
    [InlineData("frobnicate", null)]
    public async Task InvokeAsync_Typo_SuggestsTheClosestName(string commandLine, string? suggestion)
    {
        // Arrange
        var (context, error) = Context();

        // Act
        var code = await CliApp.InvokeAsync(commandLine.Split(' '), context, TestContext.Current.CancellationToken);

        // Assert
        code.ShouldBe(CliApp.Usage);
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Where(line => line.Contains("did you mean", StringComparison.Ordinal)).ShouldBe(suggestion is null ? [] : [suggestion]);
        lines[^1].ShouldBe("Run 'neptune-notifier --help' for usage.");
    }

    // Help and the version run no command, so a bad log level does not hide them; every command still stops on it.
    [Theory]
    [InlineData("--help", CliApp.Success)]
    [InlineData("poll --help", CliApp.Success)]
    [InlineData("--version", CliApp.Success)]
    [InlineData("list --state missing.db", CliApp.Usage)]
    [InlineData("untrack t-0123456789 --state missing.db", CliApp.Usage)]
    public async Task InvokeAsync_BadLogLevel_OnlyHelpAndVersionAnswer(string commandLine, int exitCode)
    {
        var (context, error) = Context(new() { ["NEPTUNE_NOTIFIER_LOG_LEVEL"] = "loud" });

        // Act
        var code = await CliApp.InvokeAsync(commandLine.Split(' '), context, TestContext.Current.CancellationToken);

        // Assert
        code.ShouldBe(exitCode, error.ToString());
        error.ToString().Contains("NEPTUNE_NOTIFIER_LOG_LEVEL 'loud'", StringComparison.Ordinal).ShouldBe(exitCode == CliApp.Usage, error.ToString());
    }

    private static (CliContext Context, StringWriter Error) Context(Dictionary<string, string?>? environment = null)
    {
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        return (new CliContext(environment ?? [], console, error, new FakeTimeProvider(), NullLoggerFactory.Instance), error);
    }
}
