using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>Import task operations through the official JS client.</summary>
public sealed class ImportTaskConformanceTests : EmulatorConformance
{
    [Fact]
    public async Task GetImportTask_ClockAdvanced_GoesThroughAnalyzingAndImportingToSucceeded()
    {
        // Arrange: INITIALIZING 20 s, ANALYZING_DATA 40 s, IMPORTING 120 s.
        await StartAsync();
        var start = await RunOneAsync(Call("StartImportTask", new
        {
            graphIdentifier = "g-orders0001",
            source = "s3://imports-bucket/orders/",
            roleArn = TestAccount.RoleArn,
            format = "CSV",
            importOptions = new { neptune = new { s3ExportPath = "s3://exports/", s3ExportKmsKeyId = TestAccount.KmsKeyArn } },
        }));
        var taskId = start.Get("taskId");
        var get = Call("GetImportTask", new { taskIdentifier = taskId });

        // Act
        var results = await RunAsync([get, AdvanceClock(30), get, AdvanceClock(60), get, AdvanceClock(120), get, Call("ListImportTasks")]);

        // Assert
        start.Status.ShouldBe(201);
        start.Get("status").ShouldBe("INITIALIZING");
        start.Output["importOptions"]!["neptune"]!["s3ExportPath"]!.GetValue<string>().ShouldBe("s3://exports/");
        results[0].Get("status").ShouldBe("INITIALIZING");
        results[2].Get("status").ShouldBe("ANALYZING_DATA");
        results[4].Get("status").ShouldBe("IMPORTING");
        results[4].Output["importTaskDetails"]!["progressPercentage"]!.GetValue<int>().ShouldBe(25);
        results[4].Output["importTaskDetails"]!["statementCount"]!.GetValue<long>().ShouldBe(500_000);
        results[6].Get("status").ShouldBe("SUCCEEDED");
        var details = results[6].Output["importTaskDetails"]!;
        details["status"]!.GetValue<string>().ShouldBe("SUCCEEDED");
        details["progressPercentage"]!.GetValue<int>().ShouldBe(100);
        details["timeElapsedSeconds"]!.GetValue<long>().ShouldBe(180);
        details["startTime"]!.GetValue<long>().ShouldBe(Epoch.ToUnixTimeMilliseconds());
        results[7].Output["tasks"]![0]!["taskId"]!.GetValue<string>().ShouldBe(taskId);
        results[7].Output["tasks"]![0]!["status"]!.GetValue<string>().ShouldBe("SUCCEEDED");
    }

    [Fact]
    public async Task StartImportTask_GraphBusyExporting_RaisesConflictException()
    {
        // Arrange
        await StartAsync();

        // Act
        var results = await RunAsync(
        [
            StartExport(),
            Call("StartImportTask", new { graphIdentifier = "g-orders0001", source = "s3://b/k", roleArn = TestAccount.RoleArn }),
        ]);

        // Assert
        results[1].Name.ShouldBe("ConflictException", results[1].ToString());
        results[1].Typed.ShouldBeTrue();
        results[1].Status.ShouldBe(409);
        results[1].Reason.ShouldBe("CONCURRENT_MODIFICATION");
    }
}
