namespace NeptuneNotifier.Core;

/// <summary>Which Neptune Analytics operation a task belongs to.</summary>
public enum TaskKind
{
    /// <summary>An export task (graph to Amazon S3), read with GetExportTask.</summary>
    Export,

    /// <summary>An import task, read with GetImportTask.</summary>
    Import,
}
