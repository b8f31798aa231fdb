using Microsoft.Data.Sqlite;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Cli;
using NeptuneNotifier.Core.Settings;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

public sealed class CliAppTests
{
    public static TheoryData<string, int, string> Failures => new()
    {
        { "usage", CliApp.Usage, "error: bad flag" },
        { "settings", CliApp.Usage, "error: " + new SettingsException(["MAX_CONCURRENCY: must be 1 to 64."]).Message },
        { "failure", CliApp.Failure, "error: no such task" },
        { "table", CliApp.Failure, "error: table gone (--table, or --state <file> for the embedded store)." },
        { "service", CliApp.Failure, "error: AWS answered NotFound (404): topic gone" },
        { "client", CliApp.Failure, "error: no credentials" },
        { "http", CliApp.Failure, "error: connection refused" },
        { "io", CliApp.Failure, "error: disk full" },
        { "data", CliApp.Failure, "error: bad file" },
        { "timeout", CliApp.Failure, "error: too slow" },
        { "sqlite", CliApp.Failure, "error: SQLite Error 5: 'locked'." },
        { "cancelled", CliApp.Failure, "Stopped." },
        { "task cancelled", CliApp.Failure, "Stopped." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task RunAsync_BodyThrows_WritesOneLineAndReturnsItsExitCode(string kind, int exitCode, string line)
    {
        // Arrange
        var (context, error) = Context();
        Exception thrown = kind switch
        {
            "usage" => new CliUsageException("bad flag"),
            "settings" => new SettingsException(["MAX_CONCURRENCY: must be 1 to 64."]),
            "failure" => new CliFailureException("no such task"),
            "table" => new StateTableException("table gone", new InvalidOperationException("inner")),
            "service" => new NotFoundException(new("topic gone", null, ErrorType.Sender, "NotFound", "r", HttpStatusCode.NotFound)),
            "client" => new AmazonClientException("no credentials"),
            "http" => new HttpRequestException("connection refused"),
            "io" => new IOException("disk full"),
            "data" => new InvalidDataException("bad file"),
            "timeout" => new TimeoutException("too slow"),
            "sqlite" => new SqliteException("SQLite Error 5: 'locked'.", 5),
            "cancelled" => new OperationCanceledException(),
            "task cancelled" => new TaskCanceledException(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

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

    private static (CliContext Context, StringWriter Error) Context()
    {
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        return (new CliContext(new Dictionary<string, string?>(), console, error, new FakeTimeProvider(), NullLoggerFactory.Instance), error);
    }
}
