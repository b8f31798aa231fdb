namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>One measured figure, its target and whether the target was met (null when the figure has no target).</summary>
internal sealed record Result(string Area, string Measure, string Value, string Target, bool? Met)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => "-" };
}

/// <summary>Appends results as tab-separated lines to one file, so runs of several commands print as one table.</summary>
internal sealed class ResultFile(string path)
{
    public const string Header = "area\tmeasure\tvalue\ttarget\tverdict";

    public async Task AddAsync(Result result, CancellationToken cancellationToken)
    {
        var line = string.Join('\t', result.Area, result.Measure, result.Value, result.Target, result.Verdict);
        await Console.Out.WriteLineAsync(line.Replace('\t', ' ').AsMemory(), cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, Header + "\n", cancellationToken);
        }

        await File.AppendAllTextAsync(path, line + "\n", cancellationToken);
    }

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    public static string Number(double value, string format = "F0") => value.ToString(format, CultureInfo.InvariantCulture);
}
