using MlService.Core.Signatures;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Signature of an ONNX graph when the MLmodel declares none. Inputs become tensor specs with numpy dtypes
/// (-1 for symbolic dimensions) — unless every input is one value per row ([-1] or [-1, 1], e.g. an sklearn
/// pipeline converted with one input per column), then they become columns named like the inputs.
/// Outputs of one value per row become columns; other tensors and ZipMap probabilities stay tensor specs.
/// </summary>
internal static class OnnxSignatures
{
    public static ModelSignature Resolve(ModelSignature declared, OnnxGraph graph) => new(
        declared.Inputs.Count > 0 ? declared.Inputs : DeriveInputs(graph.Inputs),
        declared.Outputs.Count > 0 ? declared.Outputs : DeriveOutputs(graph.Outputs));

    public static IReadOnlyList<FieldSpec> DeriveInputs(IReadOnlyList<GraphValue> inputs)
    {
        var asColumns = inputs.All(i => i.IsScalarPerRow);
        return inputs.Select(i => asColumns ? new FieldSpec(i.Name, i.Kind) : new FieldSpec(i.Name, i.Kind, true, i.Dims)).ToList();
    }

    public static IReadOnlyList<FieldSpec> DeriveOutputs(IReadOnlyList<GraphValue> outputs) =>
        outputs.Select(o => o.IsScalarPerRow ? new FieldSpec(o.Name, o.Kind) : new FieldSpec(o.Name, o.Kind, true, o.Dims)).ToList();
}
