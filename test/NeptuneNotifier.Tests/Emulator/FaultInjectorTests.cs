using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

public sealed class FaultInjectorTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void Decide_SameSeed_GivesSameSequence()
    {
        // Arrange
        var first = new FaultInjector(new EmulatorClock(time), seed: 42);
        var second = new FaultInjector(new EmulatorClock(time), seed: 42);
        var rule = new FaultRule(ThrottleRate: 0.25, InternalErrorRate: 0.25);
        first.SetRule("GetExportTask", rule);
        second.SetRule("GetExportTask", rule);

        // Act
        var a = Enumerable.Range(0, 200).Select(_ => first.Decide("GetExportTask").Error?.ErrorType ?? "ok").ToList();
        var b = Enumerable.Range(0, 200).Select(_ => second.Decide("GetExportTask").Error?.ErrorType ?? "ok").ToList();

        // Assert
        b.ShouldBe(a);
        a.Count(outcome => outcome == "ThrottlingException").ShouldBeInRange(30, 70);
        a.Count(outcome => outcome == "InternalServerException").ShouldBeInRange(30, 70);
    }

    [Fact]
    public void Decide_RequestsPerSecondLimit_ThrottlesBeyondLimitUntilNextSecond()
    {
        // Arrange
        var injector = new FaultInjector(new EmulatorClock(time), seed: 1);
        injector.SetRule("GetExportTask", new FaultRule(RequestsPerSecond: 2));

        // Act
        var burst = Enumerable.Range(0, 4).Select(_ => injector.Decide("GetExportTask").Error?.StatusCode).ToList();
        time.Advance(TimeSpan.FromSeconds(1));
        var next = injector.Decide("GetExportTask").Error;

        // Assert
        burst.ShouldBe([null, null, 429, 429]);
        next.ShouldBeNull();
    }

    [Fact]
    public void Decide_ScriptedErrors_AnswerExactlyCountTimesThenStop()
    {
        // Arrange
        var injector = new FaultInjector(new EmulatorClock(time), seed: 1);
        injector.InjectErrors("CancelExportTask", "ConflictException", 2, "busy");

        // Act
        var outcomes = Enumerable.Range(0, 3).Select(_ => injector.Decide("CancelExportTask").Error).ToList();

        // Assert
        outcomes[0].ShouldNotBeNull().ErrorType.ShouldBe("ConflictException");
        outcomes[0]!.Reason.ShouldBe("CONCURRENT_MODIFICATION");
        outcomes[1].ShouldNotBeNull().Message.ShouldBe("busy");
        outcomes[2].ShouldBeNull();
    }

    [Fact]
    public void Decide_WildcardRule_AppliesToEveryOperationWithLatency()
    {
        // Arrange
        var injector = new FaultInjector(new EmulatorClock(time), seed: 1);
        injector.SetRule("*", new FaultRule(Latency: TimeSpan.FromMilliseconds(250)));

        // Act
        var decision = injector.Decide("ListImportTasks");

        // Assert
        decision.Latency.ShouldBe(TimeSpan.FromMilliseconds(250));
        decision.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("DeleteGraph")]
    [InlineData("getexporttask")]
    public void SetRule_UnknownOperation_ThrowsNamingIt(string operation)
    {
        // Arrange
        var injector = new FaultInjector(new EmulatorClock(time), seed: 1);

        // Act
        var act = () => injector.SetRule(operation, new FaultRule(ThrottleRate: 0.1));

        // Assert
        Should.Throw<ArgumentException>(act).Message.ShouldContain(operation);
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(0.7, 0.7)]
    [InlineData(0, 1.5)]
    public void SetRule_RatesOutOfRange_Throws(double throttleRate, double internalErrorRate)
    {
        // Arrange
        var injector = new FaultInjector(new EmulatorClock(time), seed: 1);

        // Act
        var act = () => injector.SetRule("GetExportTask", new FaultRule(ThrottleRate: throttleRate, InternalErrorRate: internalErrorRate));

        // Assert
        Should.Throw<ArgumentException>(act);
    }

    [Fact]
    public void InjectErrors_UnmodeledErrorType_ThrowsListingModeledOnes()
    {
        // Arrange
        var injector = new FaultInjector(new EmulatorClock(time), seed: 1);

        // Act
        var act = () => injector.InjectErrors("GetExportTask", "AccessDeniedException", 1, message: null);

        // Assert
        Should.Throw<ArgumentException>(act).Message.ShouldContain("ResourceNotFoundException");
    }
}
