using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NeptuneNotifier.Benchmarks.Builder;

/// <summary>Runs the BenchmarkDotNet message-building benchmarks and adds their figures to the results.</summary>
internal sealed class BuilderRun(bool tiny, ResultFile results)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // In-process: no generated project to build (which would inherit the repository's build rules), and a short
        // job for the tiny run that only has to prove the benchmark still works.
        var job = (tiny ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3) : Job.Default)
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(Path.Combine(Repository.Root, "artifacts", "bench", "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<NotificationBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Length == 0 || summary.Reports.Any(r => !r.Success || r.ResultStatistics is null))
        {
            throw new InvalidOperationException("The message-building benchmarks did not all run; see the BenchmarkDotNet log above.");
        }

        // What SNS bills by: a publish is one request per 64 KB chunk of message and attributes.
        var benchmarks = new NotificationBenchmarks();
        benchmarks.Setup();
        var sizes = new[] { benchmarks.Exporting(), benchmarks.Succeeded(), benchmarks.Failed() }.Select(SnsPublishEnvelope.Size).ToList();
        await results.AddAsync(new Result(
            "builder",
            "message size as SNS counts it (EXPORTING / SUCCEEDED / FAILED with 1 KB reason)",
            string.Join(" / ", sizes.Select(size => $"{ResultFile.Number(size / 1024.0, "F1")} KB")),
            "<= 64 KB (one billed publish)",
            sizes.All(size => size <= 64 * 1024)), cancellationToken);

        foreach (var report in summary.Reports)
        {
            var meanNs = report.ResultStatistics!.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
            await results.AddAsync(new Result(
                "builder",
                $"compose {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')}",
                $"{ResultFile.Number(1e9 / meanNs)} msg/s ({ResultFile.Number(meanNs / 1000, "F1")} us), {ResultFile.Number(allocated / 1024.0, "F1")} KB allocated",
                "-",
                null), cancellationToken);
        }
    }
}
