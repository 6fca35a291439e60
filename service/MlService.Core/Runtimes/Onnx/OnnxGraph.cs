using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>The inputs and outputs of a loaded session, in graph order, reduced to what frames can carry.</summary>
internal sealed record OnnxGraph(IReadOnlyList<GraphValue> Inputs, IReadOnlyList<GraphValue> Outputs, IReadOnlyList<string> SkippedOutputs)
{
    public static OnnxGraph Describe(InferenceSession session)
    {
        var inputs = new List<GraphValue>();
        foreach (var name in session.InputNames)
        {
            var meta = session.InputMetadata[name];
            var kind = meta.IsTensor ? OnnxTypes.KindOf(meta.ElementDataType) : null;
            if (kind is null) throw new ModelLoadException($"graph input '{name}' is a {Describe(meta)}; only tensor inputs of numeric, bool or string elements are supported");
            if (meta.Dimensions.Length == 0) throw new ModelLoadException($"graph input '{name}' is a scalar; inputs need a batch dimension");
            inputs.Add(new GraphValue(name, kind.Value, OnnxTypes.Dims(meta.Dimensions)));
        }

        var outputs = new List<GraphValue>();
        var skipped = new List<string>();
        foreach (var name in session.OutputNames)
        {
            var output = Output(name, session.OutputMetadata[name]);
            if (output is null) skipped.Add(name);
            else outputs.Add(output);
        }
        if (outputs.Count == 0)
            throw new ModelLoadException($"the graph has no output a frame can hold (tensors or sequences of maps); outputs: {string.Join(", ", skipped)}");
        return new OnnxGraph(inputs, outputs, skipped);
    }

    private static GraphValue? Output(string name, NodeMetadata meta)
    {
        if (meta.IsTensor)
            return OnnxTypes.KindOf(meta.ElementDataType) is { } kind ? new GraphValue(name, kind, OnnxTypes.Dims(meta.Dimensions)) : null;
        if (meta.OnnxValueType != OnnxValueType.ONNX_TYPE_SEQUENCE) return null;
        // ZipMap: seq(map(int64|string, float)) — one map of class -> probability per row.
        var element = meta.AsSequenceMetadata().ElementMeta;
        if (element.OnnxValueType != OnnxValueType.ONNX_TYPE_MAP) return null;
        var map = element.AsMapMetadata();
        var keyKind = OnnxTypes.KindOf(map.KeyDataType);
        var valueKind = map.ValueMetadata.IsTensor ? OnnxTypes.KindOf(map.ValueMetadata.ElementDataType) : null;
        if (keyKind is null || valueKind is not (Signatures.DataKind.Float32 or Signatures.DataKind.Float64)) return null;
        return new GraphValue(name, valueKind.Value, [-1, -1], IsMapSequence: true);
    }

    private static string Describe(NodeMetadata meta) => meta.OnnxValueType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => $"tensor of {meta.ElementDataType}",
        var other => other.ToString(),
    };
}
