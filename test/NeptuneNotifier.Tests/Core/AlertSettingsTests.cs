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

    [Fact]
    public void Validate_AlertThresholdNotPositiveOrOverTheMaximum_NamesTheOption()
    {
        new PollCycleOptions { Alerts = new AlertOptions(OverdueAfter: TimeSpan.Zero) }.Validate().ShouldHaveSingleItem().ShouldStartWith("Alerts.OverdueAfter:");
        new PollCycleOptions { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromDays(8)) }.Validate().ShouldHaveSingleItem().ShouldStartWith("Alerts.StalledAfter:");
        new PollCycleOptions { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromSeconds(3)) }.Validate().ShouldBeEmpty("code such as the demo may set less than a minute");
    }
}
