namespace NeptuneNotifier.Tests.Core;

public sealed class NeptuneTaskStatusTests
{
    [Theory]
    [InlineData("INITIALIZING", false)]
    [InlineData("EXPORTING", false)]
    [InlineData("ANALYZING_DATA", false)]
    [InlineData("IMPORTING", false)]
    [InlineData("REPROVISIONING", false)]
    [InlineData("ROLLING_BACK", false)]
    [InlineData("CANCELLING", false)]
    [InlineData("SUCCEEDED", true)]
    [InlineData("FAILED", true)]
    [InlineData("CANCELLED", true)]
    [InlineData("DELETED", true)]
    [InlineData("GONE", true)]
    [InlineData("PAUSED", false)]
    [InlineData("succeeded", false)]
    public void IsTerminal_Value_MatchesModel(string value, bool terminal) =>
        new NeptuneTaskStatus(value).IsTerminal.ShouldBe(terminal);

    [Fact]
    public void ExportStatuses_Model_ListsEveryExportTaskStatus()
    {
        // The ExportTaskStatus enum of the neptune-graph API model.
        string[] model = ["INITIALIZING", "EXPORTING", "SUCCEEDED", "FAILED", "CANCELLING", "CANCELLED", "DELETED"];

        NeptuneTaskStatus.ExportStatuses.Select(s => s.Value).ShouldBe(model);
    }

    [Fact]
    public void ImportStatuses_Model_ListsEveryImportTaskStatus()
    {
        string[] model = ["INITIALIZING", "EXPORTING", "ANALYZING_DATA", "IMPORTING", "REPROVISIONING", "ROLLING_BACK", "SUCCEEDED", "FAILED", "CANCELLING", "CANCELLED", "DELETED"];

        NeptuneTaskStatus.ImportStatuses.Select(s => s.Value).ShouldBe(model, ignoreOrder: true);
    }

    [Fact]
    public void Constructor_UnknownValue_KeptVerbatimAndNotKnown()
    {
        var status = new NeptuneTaskStatus("Paused-For-Maintenance");

        status.Value.ShouldBe("Paused-For-Maintenance");
        status.IsKnown.ShouldBeFalse();
        status.IsTerminal.ShouldBeFalse();
        status.ShouldBe(new NeptuneTaskStatus("Paused-For-Maintenance"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("EXPORT\nING")]
    [InlineData("\u0007")]
    public void Constructor_InvalidValue_ThrowsNamingTheValue(string value)
    {
        var exception = Should.Throw<ArgumentException>(() => new NeptuneTaskStatus(value));

        exception.Message.ShouldContain("task status");
    }

    [Fact]
    public void Constructor_TooLong_Throws() =>
        Should.Throw<ArgumentException>(() => new NeptuneTaskStatus(new string('A', NeptuneTaskStatus.MaxLength + 1)));

    [Fact]
    public void Default_Value_IsEmptyNotNull() => default(NeptuneTaskStatus).Value.ShouldBe(string.Empty);
}
