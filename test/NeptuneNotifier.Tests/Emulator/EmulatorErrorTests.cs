using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

// The lifecycle refuses in its own terms; the HTTP layer alone decides how the service answers each refusal.
public sealed class EmulatorErrorTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void Get_UnknownTask_RefusesNotFoundAnsweredAsResourceNotFound()
    {
        var state = NewState();

        var error = Should.Throw<EmulatorException>(() => state.Get(EmulatedTaskKind.Export, "t-0000000000"));

        error.Kind.ShouldBe(EmulatorErrorKind.NotFound);
        Answer(error).ShouldBe((404, "ResourceNotFoundException", "Export task t-0000000000 not found.", null));
    }

    [Fact]
    public void Get_ImportTaskAsExport_IsNotFound()
    {
        var state = NewState();
        var importId = state.Start(EmulatorStateTests.ImportRequest()).Task.TaskId;

        var asExport = Should.Throw<EmulatorException>(() => state.Get(EmulatedTaskKind.Export, importId));
        var asImport = state.Get(EmulatedTaskKind.Import, importId);

        asExport.Message.ShouldBe($"Export task {importId} not found.");
        asImport.Task.Kind.ShouldBe(EmulatedTaskKind.Import);
    }

    [Fact]
    public void Start_GraphAtItsTaskLimit_RefusesQuotaAnsweredAsConflict()
    {
        var state = NewState();
        state.Start(EmulatorStateTests.Request());

        var error = Should.Throw<EmulatorException>(() => state.Start(EmulatorStateTests.ImportRequest()));

        error.Kind.ShouldBe(EmulatorErrorKind.Quota);
        Answer(error).ShouldBe((409, "ConflictException", "Graph g-orders0001 already has 1 task(s) in progress.", "CONCURRENT_MODIFICATION"));
    }

    [Fact]
    public void Cancel_TerminalTask_RefusesConflict()
    {
        var state = NewState();
        var taskId = state.Start(EmulatorStateTests.Request()).Task.TaskId;
        time.Advance(TimeSpan.FromHours(1));

        var error = Should.Throw<EmulatorException>(() => state.Cancel(EmulatedTaskKind.Export, taskId));

        error.Kind.ShouldBe(EmulatorErrorKind.Conflict);
        Answer(error).ShouldBe((409, "ConflictException", $"Export task {taskId} cannot be cancelled because it is SUCCEEDED.", "CONCURRENT_MODIFICATION"));
    }

    [Fact]
    public void List_TokenOfAnotherListing_RefusesValidationAnsweredAsBadRequest()
    {
        var state = NewState(new EmulatorOptions { MaxActiveTasksPerGraph = 10 });
        state.Start(EmulatorStateTests.Request());
        state.Start(EmulatorStateTests.Request());
        var exportToken = state.List(EmulatedTaskKind.Export, graphId: null, nextToken: null, maxResults: 1).NextToken.ShouldNotBeNull();

        var error = Should.Throw<EmulatorException>(() => state.List(EmulatedTaskKind.Import, graphId: null, exportToken, maxResults: 1));

        error.Kind.ShouldBe(EmulatorErrorKind.Validation);
        Answer(error).ShouldBe((400, "ValidationException", "Invalid nextToken: it was not issued for this listing.", "BAD_REQUEST"));
    }

    [Fact]
    public void List_UnknownGraph_RefusesNotFound()
    {
        var state = NewState();

        var error = Should.Throw<EmulatorException>(() => state.List(EmulatedTaskKind.Export, "g-nosuchgrph", nextToken: null, maxResults: null));

        Answer(error).ShouldBe((404, "ResourceNotFoundException", "Graph g-nosuchgrph not found.", null));
    }

    private static (int Status, string Type, string Message, string? Reason) Answer(EmulatorException error)
    {
        var answer = ApiException.From(error);
        return (answer.StatusCode, answer.ErrorType, answer.Message, answer.Reason);
    }

    private EmulatorState NewState(EmulatorOptions? options = null) => new(options ?? new EmulatorOptions(), new EmulatorClock(time));
}
