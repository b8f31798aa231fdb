using NeptuneNotifier.Function;
using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Tests.Function;

// The EventBridge channel needs the tasks' account, which only an invocation names: never guessed.
public sealed class InvocationScopedChannelTests
{
    private readonly InvokedFunction invoked = new();
    private readonly List<string> created = [];
    private readonly RecordingChannel inner = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_NoInvocationNamedTheFunction_RefusesNamingTheHeaderAndCreatesNothing()
    {
        var exception = await Should.ThrowAsync<NotificationRejectedException>(() => Channel().DeliverAsync(Pending(), Token));

        exception.Message.ShouldContain("Lambda-Runtime-Invoked-Function-Arn");
        created.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeliverAsync_AfterAnInvocation_CreatesTheChannelOnceForThatAccount()
    {
        var channel = Channel();
        invoked.Observe(TestAccount.FunctionArn);

        await channel.DeliverAsync(Pending(), Token);
        await channel.DeliverAsync(Pending(), Token);

        created.ShouldBe([TestAccount.Id]);
        inner.Published.Count.ShouldBe(2);
    }

    [Fact]
    public async Task DeliverAsync_AccountChanged_CreatesTheChannelAgain()
    {
        var channel = Channel();
        invoked.Observe(TestAccount.FunctionArn);
        await channel.DeliverAsync(Pending(), Token);

        invoked.Observe("arn:aws:lambda:eu-west-1:210987654321:function:notifier");
        await channel.DeliverAsync(Pending(), Token);

        created.ShouldBe([TestAccount.Id, "210987654321"]);
    }

    private InvocationScopedChannel Channel() => new(invoked, account =>
    {
        created.Add(account);
        return inner;
    });

    private static PendingNotification Pending() => TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Exporting));
}
