namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// template.yaml as the SAM translator turns it into CloudFormation (test/python/sam_translate.py, the same code
/// <c>sam deploy</c> runs), translated once per test class.
/// </summary>
public sealed class SamTranslation : IAsyncLifetime
{
    private JsonDocument? document;

    public JsonElement Root => (document ?? throw new InvalidOperationException("not translated yet")).RootElement;

    public JsonElement Resources => Root.GetProperty("Resources");

    public async ValueTask InitializeAsync()
    {
        var result = await PythonTooling.RunAsync(
            "samtranslator",
            ["sam_translate.py", Path.Combine(Repository.Root, "template.yaml")],
            TestContext.Current.CancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sam_translate.py failed with exit code {result.ExitCode}:\n{result.StandardError}");
        }

        document = JsonDocument.Parse(result.StandardOutput);
    }

    public ValueTask DisposeAsync()
    {
        document?.Dispose();
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<(string Id, JsonElement Resource)> OfType(string type) =>
        [.. Resources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).Select(r => (r.Name, r.Value))];

    public JsonElement Properties(string id) => Resources.GetProperty(id).GetProperty("Properties");

    /// <summary>A JSON value in one line, property order kept, for comparing intrinsic functions by value.</summary>
    public static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
