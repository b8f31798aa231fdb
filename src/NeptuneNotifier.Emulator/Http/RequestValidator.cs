using System.Globalization;
using System.Text.RegularExpressions;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>Collects constraint violations and reports them all at once, worded the way AWS validation does.</summary>
internal sealed class RequestValidator
{
    private static readonly IReadOnlyList<string> ExportFormats = ["PARQUET", "CSV"];
    private static readonly IReadOnlyList<string> ImportFormats = ["CSV", "OPEN_CYPHER", "PARQUET", "NTRIPLES"];
    private static readonly IReadOnlyList<string> ParquetTypes = ["COLUMNAR"];
    private static readonly IReadOnlyList<string> BlankNodeHandlings = ["convertToIri"];

    private readonly List<string> errors = [];

    /// <summary>Checks a StartExportTask body against the API model; throws one ValidationException naming every violation.</summary>
    public static void CheckStartExportTask(StartExportTaskInput input)
    {
        var validator = new RequestValidator();
        validator.Required(input.GraphIdentifier, "graphIdentifier");
        validator.Pattern(input.GraphIdentifier, "graphIdentifier", ModelPatterns.GraphId(), ModelPatterns.GraphIdText);
        validator.Required(input.RoleArn, "roleArn");
        validator.Pattern(input.RoleArn, "roleArn", ModelPatterns.RoleArn(), ModelPatterns.RoleArnText);
        validator.Required(input.Format, "format");
        validator.OneOf(input.Format, "format", ExportFormats);
        validator.Required(input.Destination, "destination");
        validator.Length(input.Destination, "destination", 1, 1024);
        validator.Required(input.KmsKeyIdentifier, "kmsKeyIdentifier");
        validator.Length(input.KmsKeyIdentifier, "kmsKeyIdentifier", 1, 1024);
        validator.Pattern(input.KmsKeyIdentifier, "kmsKeyIdentifier", ModelPatterns.KmsKeyArn(), ModelPatterns.KmsKeyArnText);
        validator.OneOf(input.ParquetType, "parquetType", ParquetTypes);
        validator.ExportFilter(input.ExportFilter);
        validator.Tags(input.Tags);
        validator.ThrowIfInvalid();
    }

    /// <summary>Checks a StartImportTask body and its path's graph id against the API model, as <see cref="CheckStartExportTask"/>.</summary>
    public static void CheckStartImportTask(string? graphId, StartImportTaskInput input)
    {
        var validator = new RequestValidator();
        validator.Pattern(graphId, "graphIdentifier", ModelPatterns.GraphId(), ModelPatterns.GraphIdText);
        validator.Required(input.Source, "source");
        validator.Required(input.RoleArn, "roleArn");
        validator.Pattern(input.RoleArn, "roleArn", ModelPatterns.RoleArn(), ModelPatterns.RoleArnText);
        validator.OneOf(input.Format, "format", ImportFormats);
        validator.OneOf(input.ParquetType, "parquetType", ParquetTypes);
        validator.OneOf(input.BlankNodeHandling, "blankNodeHandling", BlankNodeHandlings);
        validator.ImportOptions(input.ImportOptions);
        validator.ThrowIfInvalid();
    }

    public void Required(object? value, string member)
    {
        if (value is null)
        {
            errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }
    }

    public void Pattern(string? value, string member, Regex pattern, string patternText)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            Violation(value, member, $"Member must satisfy regular expression pattern: {patternText}");
        }
    }

    /// <summary>
    /// Smithy's length trait counts a string's Unicode scalar values, not its UTF-16 units
    /// (https://smithy.io/2.0/spec/constraint-traits.html#length-trait): an emoji counts once.
    /// </summary>
    public void Length(string? value, string member, int min, int max)
    {
        if (value is null)
        {
            return;
        }

        var length = value.EnumerateRunes().Count();
        if (length < min)
        {
            Violation(value, member, $"Member must have length greater than or equal to {min}");
        }
        else if (length > max)
        {
            Violation(value, member, $"Member must have length less than or equal to {max}");
        }
    }

    public void OneOf(string? value, string member, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            Violation(value, member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    public void Range(long? value, string member, long min, long max)
    {
        if (value is null)
        {
            return;
        }

        var text = value.Value.ToString(CultureInfo.InvariantCulture);
        if (value < min)
        {
            Violation(text, member, $"Member must have value greater than or equal to {min}");
        }
        else if (value > max)
        {
            Violation(text, member, $"Member must have value less than or equal to {max}");
        }
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            var noun = errors.Count == 1 ? "error" : "errors";
            throw ApiException.Validation($"{errors.Count} validation {noun} detected: {string.Join("; ", errors)}");
        }
    }

    /// <summary>Parses an optional integer query parameter; a non-integer is a violation.</summary>
    public int? Integer(string? raw, string member)
    {
        if (raw is null)
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Violation(raw, member, "Member must be an integer");
        return null;
    }

    /// <summary>Checks an exportFilter against the ExportFilter shape: label maps of property maps.</summary>
    public void ExportFilter(JsonElement? filter)
    {
        if (filter is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            NotAStructure(element, "exportFilter");
            return;
        }

        foreach (var map in element.EnumerateObject())
        {
            if (map.Name is not ("vertexFilter" or "edgeFilter") || map.Value.ValueKind != JsonValueKind.Object)
            {
                Violation(map.Value.GetRawText(), $"exportFilter.{map.Name}", "Member must be vertexFilter or edgeFilter, a map of labels");
                continue;
            }

            foreach (var label in map.Value.EnumerateObject())
            {
                var path = $"exportFilter.{map.Name}.{label.Name}";
                Length(label.Name, $"exportFilter.{map.Name}.key", 1, 128);
                if (label.Value.ValueKind != JsonValueKind.Object)
                {
                    NotAStructure(label.Value, path);
                    continue;
                }

                foreach (var member in label.Value.EnumerateObject())
                {
                    if (member.Name != "properties" || member.Value.ValueKind != JsonValueKind.Object)
                    {
                        Violation(member.Value.GetRawText(), $"{path}.{member.Name}", "Member must be 'properties', a map of property names");
                        continue;
                    }

                    foreach (var property in member.Value.EnumerateObject())
                    {
                        ExportFilterProperty(property, $"{path}.properties");
                    }
                }
            }
        }
    }

    private void ExportFilterProperty(JsonProperty property, string path)
    {
        Length(property.Name, $"{path}.key", 1, 128);
        Pattern(property.Name, $"{path}.key", ModelPatterns.ExportFilterOutputPropertyName(), ModelPatterns.ExportFilterOutputPropertyNameText);
        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            NotAStructure(property.Value, $"{path}.{property.Name}");
            return;
        }

        foreach (var attribute in property.Value.EnumerateObject())
        {
            var member = $"{path}.{property.Name}.{attribute.Name}";
            var text = attribute.Value.ValueKind == JsonValueKind.String ? attribute.Value.GetString() : null;
            if (text is null)
            {
                Violation(attribute.Value.GetRawText(), member, "Member must be a string");
                continue;
            }

            switch (attribute.Name)
            {
                case "outputType":
                    Pattern(text, member, ModelPatterns.ExportFilterOutputDataType(), ModelPatterns.ExportFilterOutputDataTypeText);
                    break;
                case "sourcePropertyName":
                    Length(text, member, 1, 128);
                    break;
                case "multiValueHandling":
                    OneOf(text, member, ["TO_LIST", "PICK_FIRST"]);
                    break;
                default:
                    Violation(text, member, "Member is not part of ExportFilterPropertyAttributes");
                    break;
            }
        }
    }

    /// <summary>Checks importOptions, a union whose only member is <c>neptune</c>.</summary>
    public void ImportOptions(JsonElement? options)
    {
        if (options is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var members = element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().ToList() : [];
        if (members.Count != 1 || members[0].Name != "neptune" || members[0].Value.ValueKind != JsonValueKind.Object)
        {
            Violation(element.GetRawText(), "importOptions", "Member must be a union with exactly one member set: neptune");
            return;
        }

        var neptune = members[0].Value;
        foreach (var name in (string[])["s3ExportPath", "s3ExportKmsKeyId"])
        {
            var value = neptune.TryGetProperty(name, out var found) && found.ValueKind == JsonValueKind.String ? found.GetString() : null;
            Required(value, $"importOptions.neptune.{name}");
            Length(value, $"importOptions.neptune.{name}", 1, 1024);
        }
    }

    private void Tags(Dictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > 50)
        {
            Violation($"{tags.Count} tags", "tags", "Member must have length less than or equal to 50");
        }

        foreach (var (key, value) in tags)
        {
            Length(key, "tags.key", 1, 128);
            Pattern(key, "tags.key", ModelPatterns.TagKey(), ModelPatterns.TagKeyText);
            Required(value, $"tags.{key}");
            Length(value, $"tags.{key}", 0, 256);
        }
    }

    private void Violation(string value, string member, string constraint) =>
        errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    private void NotAStructure(JsonElement value, string member) => Violation(value.GetRawText(), member, "Member must be a structure");
}
