using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Tests.Core;

public sealed class SettingDefinitionsTests
{
    /// <summary>Each PollCycleOptions member with the setting that declares its range, and how a setting's value sets it.</summary>
    public static TheoryData<string, Func<double, PollCycleOptions>> CycleRanges { get; } = new()
    {
        { "MAX_CONCURRENCY", value => new PollCycleOptions { MaxConcurrency = (int)value } },
        { "REQUESTS_PER_SECOND", value => new PollCycleOptions { RequestsPerSecond = value } },
        { "REQUEST_BURST", value => new PollCycleOptions { Burst = (int)value } },
        { "PUBLISH_LEASE_SECONDS", value => new PollCycleOptions { PublishLease = TimeSpan.FromSeconds(value) } },
        { "RETENTION_DAYS", value => new PollCycleOptions { Retention = TimeSpan.FromDays(value) } },
    };

    [Fact]
    public void All_EveryDefault_IsWithinItsRange()
    {
        foreach (var setting in SettingDefinitions.All)
        {
            switch (setting)
            {
                case NumberSetting number:
                    number.Minimum.ShouldBeLessThan(number.Maximum, setting.Variable);
                    number.Allows(number.Default).ShouldBeTrue($"{setting.Variable}: default {number.Default} is outside {number.Range}");
                    if (number.WholeNumber)
                    {
                        (number.Default % 1).ShouldBe(0, $"{setting.Variable}: a whole-number setting has a fractional default");
                        (number.Minimum % 1).ShouldBe(0, setting.Variable);
                        (number.Maximum % 1).ShouldBe(0, setting.Variable);
                    }

                    break;
                case ChoiceSetting choice:
                    choice.Choices.ShouldContain(choice.Default, setting.Variable);
                    break;
                case TextSetting text:
                    text.DefaultText.ShouldBeNull(setting.Variable);
                    break;
                case ListSetting list:
                    list.DefaultText.ShouldBeEmpty(setting.Variable);
                    break;
                case OptionalNumberSetting optional:
                    optional.Minimum.ShouldBeGreaterThan(0, setting.Variable);
                    optional.Minimum.ShouldBeLessThan(optional.Maximum, setting.Variable);
                    optional.DefaultText.ShouldBeNull(setting.Variable);
                    break;
                default:
                    throw new InvalidOperationException($"{setting.Variable}: a kind of setting this test does not know");
            }
        }
    }

    [Fact]
    public void All_Variables_AreUniqueAndEachReadBySomeone()
    {
        SettingDefinitions.All.Select(s => s.Variable).ShouldBeUnique();
        SettingDefinitions.All.ShouldAllBe(s => s.ReadBy != 0);
        SettingDefinitions.All.Count.ShouldBe(SettingDefinitions.ReadBy(SettingReaders.Function).Union(SettingDefinitions.ReadBy(SettingReaders.Cli)).Count());
    }

    [Fact]
    public void All_LogLevels_AreExactlyTheLogLevelNames() =>
        SettingDefinitions.LogLevels.ShouldBe(Enum.GetNames<Microsoft.Extensions.Logging.LogLevel>());

    [Fact]
    public void PollCycleOptions_Defaults_AreTheDeclaredDefaults()
    {
        var options = new PollCycleOptions();

        options.MaxConcurrency.ShouldBe(SettingDefinitions.MaxConcurrency.DefaultInteger);
        options.RequestsPerSecond.ShouldBe(SettingDefinitions.RequestsPerSecond.Default);
        options.Burst.ShouldBe(SettingDefinitions.RequestBurst.DefaultInteger);
        options.PublishLease.TotalSeconds.ShouldBe(SettingDefinitions.PublishLeaseSeconds.Default);
        options.Retention.TotalDays.ShouldBe(SettingDefinitions.RetentionDays.Default);
    }

    [Theory]
    [MemberData(nameof(CycleRanges))]
    public void PollCycleOptionsValidate_Bounds_AreTheDeclaredRange(string variable, Func<double, PollCycleOptions> set)
    {
        var setting = (NumberSetting)SettingDefinitions.All.Single(s => s.Variable == variable);
        var step = setting.WholeNumber ? 1 : setting.Minimum / 10;

        foreach (var bound in new[] { setting.Minimum, setting.Maximum })
        {
            set(bound).Validate().ShouldBeEmpty($"{variable}={bound}");
            SettingValues.Read(new Dictionary<string, string?> { [variable] = SettingDefinition.Format(bound) }).Cycle.Validate().ShouldBeEmpty($"{variable}={bound}, read");
        }

        set(setting.Minimum - step).Validate().ShouldHaveSingleItem().ShouldContain($"outside {setting.Range}");
        set(setting.Maximum + step).Validate().ShouldHaveSingleItem().ShouldContain($"outside {setting.Range}");
    }
}
