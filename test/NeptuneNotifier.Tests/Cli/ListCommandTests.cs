using NeptuneNotifier.Cli.Commands;
using Spectre.Console;

namespace NeptuneNotifier.Tests.Cli;

public sealed class ListCommandTests
{
    [Fact]
    public void ToJson_TasksNeverSeenSeenAndPending_WritesEveryMemberAndNullsForWhatIsUnknown()
    {
        // Arrange: a task never seen, a failed import with a reason that needs escaping, and a pending export.
        var tasks = Tasks();

        // Act
        var json = ListCommand.ToJson(tasks);

        // Assert: the format scripts read, to the byte.
        json.ShouldBe(string.Join(Environment.NewLine, [
            "[",
            "  {",
            "    \"taskId\": \"t-fresh00001\",",
            "    \"graphId\": \"g-abcde12345\",",
            "    \"kind\": \"export\",",
            "    \"status\": null,",
            "    \"statusReason\": null,",
            "    \"progressPercentage\": null,",
            "    \"numVerticesWritten\": null,",
            "    \"numEdgesWritten\": null,",
            "    \"statementCount\": null,",
            "    \"errorCount\": null,",
            "    \"destination\": null,",
            "    \"version\": 0,",
            "    \"trackedAt\": \"2026-03-01T12:00:00+00:00\",",
            "    \"changedAt\": null,",
            "    \"pending\": null",
            "  },",
            "  {",
            "    \"taskId\": \"t-failed0001\",",
            "    \"graphId\": \"g-0123456789\",",
            "    \"kind\": \"import\",",
            "    \"status\": \"FAILED\",",
            "    \"statusReason\": \"Zugriff verweigert: \\u003Cs3://bucket/a\\u0026b\\u003E \\u0027quoted\\u0027 \\u0022double\\u0022 \\u002B \\u00E9\",",
            "    \"progressPercentage\": 40,",
            "    \"numVerticesWritten\": 1234567,",
            "    \"numEdgesWritten\": null,",
            "    \"statementCount\": null,",
            "    \"errorCount\": null,",
            "    \"destination\": \"s3://exports-bucket/graph/\",",
            "    \"version\": 2,",
            "    \"trackedAt\": \"2026-03-01T12:00:00+00:00\",",
            "    \"changedAt\": \"2026-03-01T12:05:00+00:00\",",
            "    \"pending\": null",
            "  },",
            "  {",
            "    \"taskId\": \"t-pending001\",",
            "    \"graphId\": \"g-0123456789\",",
            "    \"kind\": \"export\",",
            "    \"status\": \"EXPORTING\",",
            "    \"statusReason\": null,",
            "    \"progressPercentage\": 40,",
            "    \"numVerticesWritten\": 1234567,",
            "    \"numEdgesWritten\": 7654321,",
            "    \"statementCount\": null,",
            "    \"errorCount\": null,",
            "    \"destination\": \"s3://exports-bucket/graph/\",",
            "    \"version\": 3,",
            "    \"trackedAt\": \"2026-03-01T12:00:01.5+00:00\",",
            "    \"changedAt\": \"2026-03-01T12:07:00+00:00\",",
            "    \"pending\": {",
            "      \"notificationId\": \"0196a0b0c0d07e8f9a0b1c2d3e4f5a6b\",",
            "      \"status\": \"EXPORTING\",",
            "      \"version\": 3",
            "    }",
            "  }",
            "]",
        ]));
    }

    // An 80-column terminal: the table (133 columns for these tasks) would break IDs and statuses across lines.
    [Fact]
    public void Show_NarrowConsole_WritesEachTaskWholeWithinTheWidth()
    {
        var lines = Show(width: 80);

        lines.ShouldAllBe(line => line.Length <= 80);
        lines.ShouldNotContain(line => line.Contains('│'));
        lines.ShouldBe(
        [
            "t-fresh00001  not seen yet  -    export  g-abcde12345  -",
            "  -",
            "t-failed0001  FAILED        40%  import  g-0123456789  2026-03-01T12:05:00Z",
            "  -",
            "t-pending001  EXPORTING     40%  export  g-0123456789  2026-03-01T12:07:00Z",
            "  1,234,567 vertices, 7,654,321 edges; pending EXPORTING (v3)",
        ]);
    }

    [Fact]
    public void Show_WideConsole_WritesTheTable()
    {
        var lines = Show(width: 200);

        lines[1].ShouldStartWith("│ Task         │ Graph        │ Kind   │ Status");
        lines.Count(line => line.StartsWith("│ t-", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public void Written_EachKind_ShowsItsOwnFigures()
    {
        // Arrange
        var export = TestData.Snapshot("t-export0001", NeptuneTaskStatus.Exporting);
        var import = TestData.ImportSnapshot("t-import0001", NeptuneTaskStatus.Importing);

        // Act / Assert: an import never shows an export's counts, and errors only when there are some.
        ListCommand.Written(export).ShouldBe("1,234,567 vertices, 7,654,321 edges");
        ListCommand.Written(export with { NumEdgesWritten = null }).ShouldBe("1,234,567 vertices, - edges");
        ListCommand.Written(import).ShouldBe("1,234,567 statements");
        ListCommand.Written(import with { ErrorCount = 3 }).ShouldBe("1,234,567 statements, 3 errors");
        ListCommand.Written(import with { StatementCount = null }).ShouldBe("-");
        ListCommand.Written(null).ShouldBe("-");
    }

    private static TrackedTask[] Tasks()
    {
        var failed = TestData.Snapshot("t-failed0001", NeptuneTaskStatus.Failed) with
        {
            Kind = TaskKind.Import,
            StatusReason = "Zugriff verweigert: <s3://bucket/a&b> 'quoted' \"double\" + é",
            NumEdgesWritten = null,
        };
        var exporting = TestData.Snapshot("t-pending001", NeptuneTaskStatus.Exporting);
        return
        [
            new("t-fresh00001", "g-abcde12345", 0, null, TestData.Start, null, null, null) { Kind = TaskKind.Export },
            new("t-failed0001", null, 2, failed, TestData.Start, TestData.Start.AddMinutes(5), null, TestData.Start.AddDays(14)),
            new("t-pending001", null, 3, exporting, TestData.Start.AddSeconds(1.5), TestData.Start.AddMinutes(7), TestData.Pending(exporting, version: 3), null),
        ];
    }

    private static string[] Show(int width)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = width;
        ListCommand.Show(console, Tasks());
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }
}
