namespace NeptuneNotifier.Core;

/// <summary>Which Neptune Analytics operation a task belongs to.</summary>
public enum TaskKind
{
    /// <summary>An export task (graph to Amazon S3), read with GetExportTask.</summary>
    Export,

    /// <summary>An import task (StartImportTask, CreateGraphUsingImportTask), read with GetImportTask.</summary>
    Import,
}

/// <summary>The one spelling of a <see cref="TaskKind"/> wherever it is stored or shown: <c>export</c> or <c>import</c>.</summary>
public static class TaskKinds
{
    /// <summary>The stored and displayed name of <paramref name="kind"/>.</summary>
    public static string Name(TaskKind kind) => kind == TaskKind.Import ? "import" : "export";

    /// <summary>
    /// Reads a stored name; null for none, or for a name this version does not know, so that the task's kind is found
    /// out again by reading it rather than guessed.
    /// </summary>
    public static TaskKind? Parse(string? name) => name switch
    {
        "export" => TaskKind.Export,
        "import" => TaskKind.Import,
        _ => null,
    };
}
