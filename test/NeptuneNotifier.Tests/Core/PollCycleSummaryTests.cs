namespace NeptuneNotifier.Tests.Core;

public sealed class PollCycleSummaryTests
{
    [Fact]
    public void From_Outcomes_CountsEveryFactOfEveryStep()
    {
        StepOutcome[] outcomes =
        [
            StepOutcome.Notified,
            StepOutcome.Checked,
            StepOutcome.Checked | StepOutcome.Failed,
            StepOutcome.Checked | StepOutcome.Changed,
            StepOutcome.Checked | StepOutcome.Changed | StepOutcome.Skipped,
            StepOutcome.Notified | StepOutcome.Failed,
            StepOutcome.Checked | StepOutcome.Changed | StepOutcome.Interrupted,
            StepOutcome.Interrupted,
            StepOutcome.Republished,
            StepOutcome.Republished | StepOutcome.Failed,
            StepOutcome.Skipped,
            StepOutcome.None,
            StepOutcome.Discovered,
            StepOutcome.Discovered,
            StepOutcome.Recorded,
            StepOutcome.Failed,
        ];

        var summary = PollCycleSummary.From(outcomes, cutShort: true, TimeSpan.FromSeconds(2));

        summary.ShouldBe(new PollCycleSummary(Checked: 7, Changed: 5, Published: 2, Failed: 4, Skipped: 4, Republished: 2, Discovered: 2, CutShort: true, TimeSpan.FromSeconds(2)) { Recorded = 1 });
    }

    [Fact]
    public void From_NoOutcomes_IsAllZeroWithWhatTheCycleSaysOfItself()
    {
        var summary = PollCycleSummary.From([], cutShort: true, TimeSpan.FromMilliseconds(3));

        summary.ShouldBe(new PollCycleSummary(0, 0, 0, 0, 0, 0, 0, true, TimeSpan.FromMilliseconds(3)));
    }

    [Fact]
    public void Figures_EverySummaryPropertyOnceWithItsValue()
    {
        var summary = new PollCycleSummary(1, 2, 3, 4, 5, 6, 7, true, TimeSpan.FromMilliseconds(1234.5)) { Recorded = 8, Confirmed = 9, ListingPages = 10 };
        var properties = typeof(PollCycleSummary).GetProperties()
            .Where(p => p.GetMethod!.IsPublic && !p.GetMethod.IsStatic && p.Name != "EqualityContract")
            .ToDictionary(p => p.Name == nameof(PollCycleSummary.Duration) ? "DurationMs" : p.Name, p => p.GetValue(summary));

        var figures = PollCycleSummary.Figures.ToDictionary(f => f.Name, f => f.Value(summary));

        figures.Keys.Order().ShouldBe(properties.Keys.Order(), "every property of the summary is a figure, and every figure a property");
        foreach (var (name, value) in properties)
        {
            figures[name].ShouldBe(value switch
            {
                int count => count,
                bool flag => flag ? 1 : 0,
                TimeSpan duration => duration.TotalMilliseconds,
                _ => throw new InvalidOperationException($"Property {name} has a type no figure unit stands for."),
            }, name);
        }

        PollCycleSummary.Figures.Where(f => f.Metric is not null).Select(f => f.Metric).ShouldBeUnique();
    }

    [Fact]
    public void Figures_ListingFigures_AreNotMetrics()
    {
        // Every custom metric is billed monthly; nothing alarms on these, the log line and the response carry them.
        var listing = PollCycleSummary.Figures.Where(f => f.Name is nameof(PollCycleSummary.Confirmed) or nameof(PollCycleSummary.ListingPages)).ToList();

        listing.Count.ShouldBe(2);
        listing.ShouldAllBe(f => f.Metric == null);
    }

    [Fact]
    public void From_ListingOutcomes_CountsPagesAndConfirmedTasks()
    {
        StepOutcome[] outcomes = [StepOutcome.ListedPage, StepOutcome.ListedPage | StepOutcome.Failed, StepOutcome.Confirmed, StepOutcome.Confirmed, StepOutcome.Checked];

        var summary = PollCycleSummary.From(outcomes, cutShort: false, TimeSpan.Zero);

        (summary.ListingPages, summary.Confirmed, summary.Checked, summary.Failed).ShouldBe((2, 2, 1, 1));
    }
}
