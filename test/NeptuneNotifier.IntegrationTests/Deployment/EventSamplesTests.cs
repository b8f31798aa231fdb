using System.Text.RegularExpressions;
using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// events/ holds a sample of every event the function accepts, and each one works for what the README offers it for:
/// a payload for <c>aws lambda invoke</c> against the deployed function, replayed through the published bootstrap by
/// the tests. <c>sam local invoke</c> is offered only with an <c>--env-vars</c> file that sets nothing but variables
/// the function reads.
/// </summary>
public sealed partial class EventSamplesTests
{
    private static readonly string Events = Path.Combine(Repository.Root, "events");

    public static TheoryData<string> Samples => [.. Directory.GetFiles(Events, "*.json").Select(Path.GetFileName).OfType<string>().Where(f => !IsEnvVarsFile(f))];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EveryFile_IsReplayedThroughThePublishedBootstrap(string sample)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Events, sample)));
        json.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);

        var replayed = Directory.GetFiles(Path.Combine(Repository.Root, "test", "NeptuneNotifier.IntegrationTests", "Function"), "*.cs")
            .Any(file => File.ReadAllText(file).Contains($"\"{sample}\"", StringComparison.Ordinal));
        replayed.ShouldBeTrue($"events/{sample} is not replayed by a test under test/NeptuneNotifier.IntegrationTests/Function");
    }

    [Fact]
    public void Readme_EventSamples_AreOfferedWithACommandThatSendsThemAsTheyAre()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        // fileb:// sends the bytes as they are; file:// would need --cli-binary-format raw-in-base64-out with CLI v2.
        var offered = InvokeWithSample().Matches(readme).Select(m => m.Groups["file"].Value).ToList();
        offered.ShouldNotBeEmpty("the README shows no `aws lambda invoke --payload fileb://events/...`");
        offered.ShouldAllBe(file => File.Exists(Path.Combine(Events, file)));
        readme.ShouldNotContain("--payload file://events/", Case.Sensitive);
    }

    /// <summary>
    /// A synchronous invoke waits for the whole invocation, up to the function's Timeout; the AWS CLI stops reading after
    /// 60 s by default and retries the read timeout (botocore/retries/standard.py, ReadTimeoutError is transient), so a
    /// shorter wait runs a long cycle again and reports an error. https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html
    /// </summary>
    [Fact]
    public void Readme_EveryLambdaInvoke_WaitsLongerThanTheFunctionsTimeout()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var template = SamTemplate.Load();
        var timeout = template.FunctionTimeoutSeconds;

        var commands = LambdaInvokeCommand().Matches(readme).Select(m => m.Value).ToList();
        commands.Count.ShouldBeGreaterThanOrEqualTo(4, "the README's aws lambda invoke commands");
        foreach (var command in commands)
        {
            var wait = ReadTimeout().Match(command);
            wait.Success.ShouldBeTrue($"no --cli-read-timeout (the CLI's default is 60 s, the function's Timeout {timeout} s): {command}");
            int.Parse(wait.Groups["seconds"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(timeout, command);
        }
    }

    [Fact]
    public void Readme_SamLocalInvoke_IsOfferedOnlyWithAnEnvVarsFileOfVariablesTheFunctionReads()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var commands = SamLocalInvokeCommand().Matches(readme).ToList();
        var envVarsFiles = Directory.GetFiles(Events, "*.json").Where(f => IsEnvVarsFile(Path.GetFileName(f))).ToList();
        if (commands.Count == 0)
        {
            readme.ShouldContain("`sam local invoke` is not offered", Case.Sensitive, "say why, and what works instead");
            envVarsFiles.ShouldBeEmpty();
            return;
        }

        string[] readable = [.. NeptuneNotifier.Function.Program.ConfigurationVariables, "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_NEPTUNE_GRAPH", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_DYNAMODB"];
        commands.ShouldAllBe(command => command.Value.Contains("--env-vars events/", StringComparison.Ordinal));
        foreach (var file in envVarsFiles)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            json.RootElement.EnumerateObject().SelectMany(function => function.Value.EnumerateObject()).Select(v => v.Name).ShouldBeSubsetOf(readable);
        }
    }

    private static bool IsEnvVarsFile(string name) => name.StartsWith("env", StringComparison.Ordinal);

    [GeneratedRegex(@"aws lambda invoke [^\n]*--payload fileb://events/(?<file>[A-Za-z0-9._-]+\.json)")]
    private static partial Regex InvokeWithSample();

    // A command with its continuation lines (a line ending in a backslash goes on).
    [GeneratedRegex(@"aws lambda invoke --(?:[^\n]*\\\n)*[^\n]*")]
    private static partial Regex LambdaInvokeCommand();

    [GeneratedRegex(@"--cli-read-timeout (?<seconds>[0-9]+)")]
    private static partial Regex ReadTimeout();

    [GeneratedRegex(@"^\s*sam local invoke[^\n]*", RegexOptions.Multiline)]
    private static partial Regex SamLocalInvokeCommand();
}
