namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// The one limit of dynalite that tests with many tasks work around (<see cref="TestData.DistinctInDynaliteIndex"/>):
/// two tasks whose ids share six hex digits of an MD5 share one entry in its active index. If the second test fails, a
/// newer dynalite has lifted the limit and the workaround can go.
/// </summary>
public sealed class DynaliteIndexTests(DynaliteFixture dynalite)
{
    // Found by searching random ids: both give the digits b479ba ("Outliers" + id, MD5, first six hex digits).
    private const string First = "t-5b845eaea4";
    private const string SameDigits = "t-c2913e0ca6";
    private const string OtherDigits = "t-c2913e0ca7";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void DistinctInDynaliteIndex_IdWithTheSameDigits_IsSkipped()
    {
        TestData.DistinctInDynaliteIndex([First, SameDigits, OtherDigits], 2).ShouldBe([First, OtherDigits]);
        Should.Throw<ArgumentException>(() => TestData.DistinctInDynaliteIndex([First, SameDigits], 2))
            .Message.ShouldStartWith("Only 1 of the candidates are distinct in dynalite's index; 2 were asked for.");
    }

    [Fact]
    public async Task LoadActiveAsync_TwoTasksWithTheSameDigits_DynaliteLoadsOneOfThem()
    {
        using var client = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());
        var store = new DynamoDbTaskStateStore(client, await DynaliteClients.CreateStateTableAsync(client, Token));
        await store.TrackAsync([.. new[] { First, SameDigits, OtherDigits }.Select(id => new TaskToTrack(id, TestData.GraphId))], TestData.Start, Token);

        var active = await store.LoadActiveAsync(Token);

        active.Tasks.Count.ShouldBe(2, string.Join(", ", active.Tasks.Select(task => task.TaskId)));
        active.Tasks.Select(task => task.TaskId).ShouldContain(OtherDigits);
        (await store.GetAsync(First, Token)).ShouldNotBeNull();
        (await store.GetAsync(SameDigits, Token)).ShouldNotBeNull();
    }
}
