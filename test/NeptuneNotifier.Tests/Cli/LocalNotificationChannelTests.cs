using System.Text.Encodings.Web;
using NeptuneNotifier.Cli.Output;
using NeptuneNotifier.Tests.Core;

namespace NeptuneNotifier.Tests.Cli;

/// <summary>The local channel's files: the email text with its subject, the chat and machine forms indented for reading, and the EventBridge entry.</summary>
public sealed class LocalNotificationChannelTests : IDisposable
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("neptune-notifier-local-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task DeliverAsync_SampleTransition_WritesTheDocumentedSamples()
    {
        var channel = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, TestAccount.Id));

        var id = await channel.DeliverAsync(NotificationSamplesTests.SampleTransition(), Token);

        id.ShouldBe("local-0001");
        var samples = Path.Combine(Repository.Root, "docs", "samples");
        var stem = Path.Combine(folder.FullName, "0001-t-8k2m4n6p8q-FAILED");
        File.ReadAllText(stem + ".email.txt").ShouldBe("Subject: FAILED: Neptune Analytics export t-8k2m4n6p8q on g-3x5z7b9d1f\n\n" + File.ReadAllText(Path.Combine(samples, "email.txt")));
        File.ReadAllText(stem + ".slack.json").ShouldBe(File.ReadAllText(Path.Combine(samples, "chatbot.json")));
        File.ReadAllText(stem + ".event.json").ShouldBe(File.ReadAllText(Path.Combine(samples, "event.json")));
        folder.GetFiles().Length.ShouldBe(4);
    }

    [Fact]
    public async Task DeliverAsync_HostileText_WritesEachFormIndentedAndNumbersInOrder()
    {
        var channel = new LocalNotificationChannel(folder.FullName, "eu-west-1", new LocalEventEntries("eu-west-1", TestAccount.Id));
        var renderer = new NotificationRenderer(new NotificationOptions("eu-west-1"));
        var hostile = TestData.Pending(
            TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with
            {
                StatusReason = "```\n<!here> \"quoted\" \\ back\u0000slash \u202E 𝔘ñ✓漢字 \U0001F600 </script>",
                Destination = "s3://bucket/`x`/\"},\"email\":\"injected",
            },
            NeptuneTaskStatus.Exporting,
            version: 7);
        var second = renderer.Render(hostile);

        (await channel.DeliverAsync(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting)), Token)).ShouldBe("local-0001");
        (await channel.DeliverAsync(hostile, Token)).ShouldBe("local-0002");

        var stem = Path.Combine(folder.FullName, "0002-t-abcdefghij-FAILED");
        File.ReadAllText(stem + ".email.txt").ShouldBe($"Subject: {second.Subject}\n\n{second.EmailText}");
        File.ReadAllText(stem + ".slack.json").ShouldBe(Indent(second.ChatPayload));
        File.ReadAllText(stem + ".event.json").ShouldBe(Indent(second.MachineEvent));
        File.Exists(Path.Combine(folder.FullName, "0001-t-abcdefghij-EXPORTING.event.json")).ShouldBeTrue();
    }

    // A later run, or a second process, on the same folder: the order goes on, and no notification's files are replaced,
    // even the same task and status notified again (untracked, tracked and polled anew).
    [Fact]
    public async Task DeliverAsync_FolderOfAnEarlierRun_ContinuesTheNumbersAndOverwritesNothing()
    {
        var succeeded = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded));
        var again = succeeded with { NotificationId = "0196a0b0c0d07e8f9a0b1c2d3e4f5a6c", Version = 2 };
        var earlier = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, TestAccount.Id));
        (await earlier.DeliverAsync(TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Exporting)), Token)).ShouldBe("local-0001");
        (await earlier.DeliverAsync(succeeded, Token)).ShouldBe("local-0002");
        var later = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, TestAccount.Id));

        var id = await later.DeliverAsync(again, Token);

        id.ShouldBe("local-0003");
        File.ReadAllText(Path.Combine(folder.FullName, "0002-t-abcdefghij-SUCCEEDED.event.json")).ShouldContain(succeeded.NotificationId);
        File.ReadAllText(Path.Combine(folder.FullName, "0003-t-abcdefghij-SUCCEEDED.event.json")).ShouldContain(again.NotificationId);
        folder.GetFiles().Length.ShouldBe(12);
        (await earlier.DeliverAsync(TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Failed)), Token)).ShouldBe("local-0004");
    }

    [Fact]
    public async Task DeliverAsync_WithAnAccount_WritesThePutEventsEntryWithTheTaskAndGraphArns()
    {
        var channel = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, TestAccount.Id));
        var transition = NotificationSamplesTests.SampleTransition();

        await channel.DeliverAsync(transition, Token);

        var machineEvent = new NotificationRenderer(new NotificationOptions(TestAccount.Region)).Render(transition).MachineEvent;
        File.ReadAllText(Path.Combine(folder.FullName, "0001-t-8k2m4n6p8q-FAILED.eventbridge.json")).ShouldBe(
            $$"""
            {
              "Source": "neptune-notifier",
              "DetailType": "Neptune Analytics Export Task State Change",
              "Detail": {{JsonSerializer.Serialize(machineEvent, Pretty)}},
              "Resources": [
                "arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-8k2m4n6p8q",
                "arn:aws:neptune-graph:us-east-1:123456789012:graph/g-3x5z7b9d1f"
              ]
            }

            """);
        JsonDocument.Parse(machineEvent).RootElement.GetProperty("taskId").GetString().ShouldBe("t-8k2m4n6p8q");
    }

    [Fact]
    public async Task DeliverAsync_NoAccountKnown_WritesTheEntryWithoutResources()
    {
        var channel = new LocalNotificationChannel(folder.FullName, TestAccount.Region, new LocalEventEntries(TestAccount.Region, accountId: null));

        await channel.DeliverAsync(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting) with { Kind = TaskKind.Import }), Token);

        using var entry = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.FullName, "0001-t-abcdefghij-EXPORTING.eventbridge.json")));
        entry.RootElement.GetProperty("DetailType").GetString().ShouldBe("Neptune Analytics Import Task State Change");
        entry.RootElement.GetProperty("Resources").GetArrayLength().ShouldBe(0);
    }


    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Pretty) + "\n";
    }
}
