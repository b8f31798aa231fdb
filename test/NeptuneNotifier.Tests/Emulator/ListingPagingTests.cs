namespace NeptuneNotifier.Tests.Emulator;

// ListExportTasks paging as the service's model defines it: maxResults 1..100, an opaque nextToken.
public sealed class ListingPagingTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void List_TasksAddedBetweenPages_ContinuesWithEveryTaskOnceTheNewOnesLast()
    {
        // Arrange
        var state = ManyTasks(out var ids, count: 3);
        var first = state.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: 2);

        // Act
        ids.AddRange(Enumerable.Range(0, 2).Select(_ => state.Start(EmulatorStateTests.Request()).Task.TaskId));
        var second = state.List(EmulatedTaskKind.Export, "g-orders0001", first.NextToken, maxResults: 2);
        var third = state.List(EmulatedTaskKind.Export, "g-orders0001", second.NextToken, maxResults: 2);

        // Assert
        first.Items.Concat(second.Items).Concat(third.Items).Select(view => view.Task.TaskId).ShouldBe(ids);
        third.NextToken.ShouldBeNull();
    }

    [Fact]
    public void List_PageEndingExactlyAtTheLastTask_HasNoNextToken()
    {
        // Arrange
        var state = ManyTasks(out _, count: 4);

        // Act
        var first = state.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: 2);
        var second = state.List(EmulatedTaskKind.Export, "g-orders0001", first.NextToken, maxResults: 2);
        var whole = state.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: 4);

        // Assert
        first.NextToken.ShouldNotBeNull();
        second.Items.Count.ShouldBe(2);
        second.NextToken.ShouldBeNull();
        whole.NextToken.ShouldBeNull();
    }

    [Fact]
    public void List_NoMaxResults_AnswersPagesOfOneHundred()
    {
        // Arrange
        var state = ManyTasks(out var ids, count: 101);

        // Act
        var first = state.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: null);
        var second = state.List(EmulatedTaskKind.Export, "g-orders0001", first.NextToken, maxResults: null);

        // Assert
        first.Items.Count.ShouldBe(Paging.DefaultPageSize);
        second.Items.Select(view => view.Task.TaskId).ShouldBe([ids[^1]]);
        second.NextToken.ShouldBeNull();
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("djF8ZXhwb3J0dGFza3N8Zy1vcmRlcnMwMDAxfC0x")] // v1|exporttasks|g-orders0001|-1: this listing's shape, a sequence it never issues
    [InlineData("%%%")]
    public void List_MalformedToken_RefusesValidationWithBadRequest(string token)
    {
        // Arrange
        var state = ManyTasks(out _, count: 2);

        // Act
        var error = Should.Throw<EmulatorException>(() => state.List(EmulatedTaskKind.Export, "g-orders0001", token, maxResults: 1));

        // Assert
        (error.Kind, error.Reason).ShouldBe((EmulatorErrorKind.Validation, "BAD_REQUEST"));
    }

    [Fact]
    public void List_TokenOfAnotherGraph_IsRefused()
    {
        // Arrange
        var state = ManyTasks(out _, count: 2);
        var token = state.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: 1).NextToken;

        // Act / Assert
        Should.Throw<EmulatorException>(() => state.List(EmulatedTaskKind.Export, "g-social0001", token, maxResults: 1)).Reason.ShouldBe("BAD_REQUEST");
    }

    private EmulatorState ManyTasks(out List<string> ids, int count)
    {
        var state = new EmulatorState(new EmulatorOptions { MaxActiveTasksPerGraph = 200 }, new EmulatorClock(time));
        ids = [.. Enumerable.Range(0, count).Select(_ => state.Start(EmulatorStateTests.Request()).Task.TaskId)];
        return state;
    }
}
