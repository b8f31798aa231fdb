using System.Globalization;

namespace NeptuneNotifier.Tests.Reliability;

/// <summary>
/// One case of <c>test/data/bad-input/&lt;kind&gt;/&lt;name&gt;.json</c>: a hostile or broken input and the outcome it
/// must have. A case with <c>knownBug</c> documents a bug that still reproduces: its runner asserts the expected
/// outcome does NOT hold yet, so the case fails loudly the day the bug is fixed and the marker must go.
/// </summary>
public sealed record BadInputCase(string Kind, string Name, string Description, JsonElement Input, JsonElement Expect, string? KnownBug)
{
    public string Outcome => Expect.GetProperty("outcome").GetString() ?? throw new InvalidDataException($"{this}: expect.outcome is not a string");

    public IReadOnlyList<string> Strings(string property) =>
        Expect.TryGetProperty(property, out var list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];

    public int? Number(string property) => Expect.TryGetProperty(property, out var value) ? value.GetInt32() : null;

    public string? InputString(string property) => Input.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The input's text: <c>text</c> as is, <c>repeat</c> expanded, or <c>reasonCodeUnits</c> (hex UTF-16 units, for lone surrogates).</summary>
    public string? Text(string property)
    {
        if (InputString(property) is { } text)
        {
            return text;
        }

        if (Input.TryGetProperty("repeat", out var repeat))
        {
            var builder = new StringBuilder(repeat.GetProperty("prefix").GetString());
            var unit = repeat.GetProperty("unit").GetString();
            for (var i = repeat.GetProperty("count").GetInt32(); i > 0; i--)
            {
                builder.Append(unit);
            }

            return builder.Append(repeat.GetProperty("suffix").GetString()).ToString();
        }

        if (InputString(property + "CodeUnits") is { } units)
        {
            return new string([.. units.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(u => (char)ushort.Parse(u, NumberStyles.HexNumber, CultureInfo.InvariantCulture))]);
        }

        return null;
    }

    /// <summary>The input as bytes: <c>base64</c> when given, else the UTF-8 of <see cref="Text"/>.</summary>
    public byte[] Bytes(string property) =>
        InputString("base64") is { } base64 ? Convert.FromBase64String(base64) : Encoding.UTF8.GetBytes(Text(property) ?? string.Empty);

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>Reads the corpus. Every kind has exactly one runner; <see cref="Kinds"/> lists them so none is skipped.</summary>
public static class BadInputCorpus
{
    /// <summary>Kinds run by the fast tests (this project) and by the integration tests (servers).</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["event", "task-id", "graph-id", "status-reason", "neptune-response", "sns-response", "table", "setting"];

    public static string Directory => Path.Combine(Repository.Root, "test", "data", "bad-input");

    public static IEnumerable<string> Names(string kind)
    {
        var folder = Path.Combine(Directory, kind);
        return System.IO.Directory.Exists(folder)
            ? System.IO.Directory.EnumerateFiles(folder, "*.json").Select(path => Path.GetFileNameWithoutExtension(path)).Order(StringComparer.Ordinal)
            : throw new InvalidOperationException($"The bad-input corpus has no folder {folder}.");
    }

    /// <summary>Case names of <paramref name="kind"/>, for a theory's data.</summary>
    public static TheoryData<string> Cases(string kind) => [.. Names(kind)];

    public static BadInputCase Load(string kind, string name)
    {
        var path = Path.Combine(Directory, kind, name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement.Clone();
        string Required(string property) => root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{path}: '{property}' is missing or not a string");
        return new BadInputCase(
            kind,
            name,
            Required("description"),
            root.TryGetProperty("input", out var input) ? input : throw new InvalidDataException($"{path}: 'input' is missing"),
            root.TryGetProperty("expect", out var expect) ? expect : throw new InvalidDataException($"{path}: 'expect' is missing"),
            root.TryGetProperty("knownBug", out var bug) ? bug.GetString() : null);
    }

    /// <summary>
    /// Runs <paramref name="check"/>, which asserts the expected outcome. A normal case must pass it; a known-bug case
    /// must fail it (the bug still reproduces), or this throws saying the bug is fixed and the marker must be removed.
    /// </summary>
    public static async Task VerifyAsync(BadInputCase testCase, Func<Task> check)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(check);
        if (testCase.KnownBug is null)
        {
            await check();
            return;
        }

        try
        {
            await check();
        }
        catch (Exception exception) when (exception is ShouldAssertException or InvalidDataException or InvalidOperationException)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{testCase}: known bug still reproduces ({testCase.KnownBug}): {exception.Message}");
            return;
        }

        throw new InvalidOperationException($"{testCase} now has its expected outcome: the known bug is fixed. Remove \"knownBug\" from the case file. ({testCase.KnownBug})");
    }

    public static Task VerifyAsync(BadInputCase testCase, Action check) => VerifyAsync(testCase, () =>
    {
        check();
        return Task.CompletedTask;
    });
}
