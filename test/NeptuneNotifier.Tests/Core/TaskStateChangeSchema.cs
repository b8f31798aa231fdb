using System.Text.Json.Nodes;
using Json.Schema;

namespace NeptuneNotifier.Tests.Core;

/// <summary>docs/events/task-state-change.schema.json (JSON Schema draft 2020-12), evaluated with formats asserted.</summary>
public static class TaskStateChangeSchema
{
    public static string Path => System.IO.Path.Combine(Repository.Root, "docs", "events", "task-state-change.schema.json");

    /// <summary>
    /// Every error of <paramref name="instance"/> against the schema, or against one of its <c>$defs</c>
    /// (<paramref name="definition"/>, for example <c>detail</c> or <c>putEventsEntry</c>); empty when it is valid.
    /// </summary>
    public static IReadOnlyList<string> Errors(JsonNode instance, string? definition = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var root = JsonNode.Parse(File.ReadAllText(Path))!.AsObject();
        if (definition is not null)
        {
            // The definition alone, with the others it refers to.
            root = new JsonObject
            {
                ["$schema"] = root["$schema"]!.DeepClone(),
                ["$defs"] = root["$defs"]!.DeepClone(),
                ["$ref"] = $"#/$defs/{definition}",
            };
        }

        var schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions());
        using var document = JsonDocument.Parse(instance.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }
}
