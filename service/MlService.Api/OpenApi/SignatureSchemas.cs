using Microsoft.OpenApi;

namespace MlService.Api.OpenApi;

/// <summary>Turns signature fields into JSON schemas, so the docs show the deployed model's real field names and types.</summary>
public static class SignatureSchemas
{
    /// <summary>An object schema with one property per column (tensor fields become nested arrays).</summary>
    public static OpenApiSchema Row(IReadOnlyList<FieldSpec> fields, string description)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var field in fields)
        {
            schema.Properties[field.Name] = Field(field);
            if (field.Required) schema.Required.Add(field.Name);
        }
        return schema;
    }

    public static OpenApiSchema Field(FieldSpec field)
    {
        var element = Element(field.Kind);
        if (!field.IsTensor || field.Shape!.Count <= 1) return element;
        // One row of a tensor: nested arrays for the non-batch dimensions.
        IOpenApiSchema current = element;
        for (var d = field.Shape.Count - 1; d >= 1; d--)
        {
            var size = field.Shape[d];
            current = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = current,
                MinItems = size > 0 ? (int)size : null,
                MaxItems = size > 0 ? (int)size : null,
            };
        }
        var tensor = (OpenApiSchema)current;
        tensor.Description = $"tensor {DataKinds.ToNumpyDType(field.Kind)} shape [{string.Join(", ", field.Shape)}] (one row)";
        return tensor;
    }

    public static OpenApiSchema Element(DataKind kind) => kind switch
    {
        DataKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.UInt8 or DataKind.UInt16 => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
        DataKind.Int64 or DataKind.UInt32 or DataKind.UInt64 => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        DataKind.Float16 or DataKind.Float32 => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" },
        DataKind.Float64 => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" },
        DataKind.Binary => new OpenApiSchema { Type = JsonSchemaType.String, Format = "byte" },
        DataKind.DateTime => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
