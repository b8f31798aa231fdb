using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Tests.Core;

public sealed class AlertSettingsTests
{
    [Fact]
    public void Read_AlertVariablesUnsetOrEmpty_TurnBothAlertsOff()
    {
        SettingValues.Read(new Dictionary<string, string?>()).Cycle.Alerts.ShouldBe(AlertOptions.Off);
        SettingValues.Read(new Dictionary<string, string?> { ["OVERDUE_AFTER_MINUTES"] = "", ["STALLED_AFTER_MINUTES"] = " " }).Cycle.Alerts.Enabled.ShouldBeFalse();
    }

    [Fact]
    public void Read_WholeMinutesAtTheBounds_SetTheThresholds()
    {
        var values = SettingValues.Read(new Dictionary<string, string?> { ["OVERDUE_AFTER_MINUTES"] = "43200", ["STALLED_AFTER_MINUTES"] = "1" });

        values.Cycle.Alerts.ShouldBe(new AlertOptions(TimeSpan.FromDays(30), TimeSpan.FromMinutes(1)));
        values.Cycle.Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("OVERDUE_AFTER_MINUTES", "0")]
    [InlineData("OVERDUE_AFTER_MINUTES", "43201")]
    [InlineData("STALLED_AFTER_MINUTES", "10081")]
    [InlineData("STALLED_AFTER_MINUTES", "1.5")]
    [InlineData("STALLED_AFTER_MINUTES", "-5")]
    [InlineData("STALLED_AFTER_MINUTES", "an hour")]
    public void Read_ValueOutsideTheRangeOrNotWholeMinutes_IsAnErrorNamingTheVariable(string variable, string value)
    {
        var error = Should.Throw<SettingsException>(() => SettingValues.Read(new Dictionary<string, string?> { [variable] = value }));

        error.Message.ShouldContain($"{variable} '{value}' must be a whole number from ");
        error.Message.ShouldContain("or unset to turn it off");
    }

    [Fact]
    public void Validate_AlertThresholdNotPositiveOrOverTheMaximum_NamesTheOption()
    {
        new PollCycleOptions { Alerts = new AlertOptions(OverdueAfter: TimeSpan.Zero) }.Validate().ShouldHaveSingleItem().ShouldStartWith("Alerts.OverdueAfter:");
        new PollCycleOptions { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromDays(8)) }.Validate().ShouldHaveSingleItem().ShouldStartWith("Alerts.StalledAfter:");
        new PollCycleOptions { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromSeconds(3)) }.Validate().ShouldBeEmpty("code such as the demo may set less than a minute");
    }
}
