namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Signature of an ONNX graph when the MLmodel declares none. Inputs become tensor specs with numpy dtypes
/// (-1 for symbolic dimensions) — unless every input is one value per row ([-1] or [-1, 1], e.g. an sklearn
/// pipeline converted with one input per column), then they become columns named like the inputs.
/// Outputs of one value per row become columns; other tensors and ZipMap probabilities stay tensor specs.
/// Declared outputs are kept only when they name exactly the graph's outputs: predictions always carry the
/// graph's output names (as MLflow's pyfunc returns them), and the signature must describe what is returned.
/// </summary>
internal static class OnnxSignatures
{
    public static ModelSignature Resolve(ModelSignature declared, OnnxGraph graph) => new(
        declared.Inputs.Count > 0 ? declared.Inputs : DeriveInputs(graph.Inputs),
        NamesGraphOutputs(declared.Outputs, graph.Outputs) ? declared.Outputs : DeriveOutputs(graph.Outputs));

    private static bool NamesGraphOutputs(IReadOnlyList<FieldSpec> declared, IReadOnlyList<GraphValue> outputs) =>
        declared.Count > 0 && declared.Select(d => d.Name).Order(StringComparer.Ordinal).SequenceEqual(outputs.Select(o => o.Name).Order(StringComparer.Ordinal));

    public static IReadOnlyList<FieldSpec> DeriveInputs(IReadOnlyList<GraphValue> inputs)
    {
        var asColumns = inputs.All(i => i.IsScalarPerRow);
        return inputs.Select(i => asColumns ? new FieldSpec(i.Name, i.Kind) : new FieldSpec(i.Name, i.Kind, true, i.Dims)).ToList();
    }

    public static IReadOnlyList<FieldSpec> DeriveOutputs(IReadOnlyList<GraphValue> outputs) =>
        outputs.Select(o => o.IsScalarPerRow ? new FieldSpec(o.Name, o.Kind) : new FieldSpec(o.Name, o.Kind, true, o.Dims)).ToList();
}
