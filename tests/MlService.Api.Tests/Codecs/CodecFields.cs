namespace MlService.Api.Tests.Codecs;

/// <summary>Small signatures the codec tests decode against: columns of several kinds, and one tensor input.</summary>
public static class CodecFields
{
    public static readonly IReadOnlyList<FieldSpec> Columns =
    [
        new("age", DataKind.Int64),
        new("chol", DataKind.Float64),
        new("smoker", DataKind.Boolean),
        new("city", DataKind.String, Required: false),
    ];

    public static readonly IReadOnlyList<FieldSpec> Tensor = [new("pixels", DataKind.Float32, Shape: [-1, 2, 2])];
}
