using MlService.Api.Codecs.V2;
using MlService.Api.Grpc.Protocol;

namespace MlService.Api.Grpc;

/// <summary>
/// The envelope of a gRPC <c>ModelInferRequest</c> as the <see cref="V2Request"/> REST reads from JSON: id, input tensors
/// (name, datatype, shape; values stay in the message for <see cref="GrpcTensorValues"/>) and requested outputs with
/// Triton's <c>classification</c> parameter. Request and input parameters are accepted and not used, as on REST.
/// </summary>
public static class GrpcRequestReader
{
    public static V2Request Read(ModelInferRequest request)
    {
        if (request.Inputs.Count == 0) throw new MalformedRequestException("'inputs' is required: a list of input tensors", "inputs");
        var raw = request.RawInputContents.Count;
        if (raw > 0 && raw != request.Inputs.Count)
            throw new MalformedRequestException($"'raw_input_contents' has {raw} entries; it needs one per input ({request.Inputs.Count})", "raw_input_contents");
        if (request.Parameters.TryGetValue("classification", out var misplaced) && !IsOff(misplaced))
            throw new UnsupportedFeatureException("'parameters.classification': classification is asked per output (outputs[i].parameters.classification)");
        var inputs = new V2Input[request.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var tensor = request.Inputs[i];
            if (tensor.Name.Length == 0) throw Required(i, "name");
            if (tensor.Datatype.Length == 0) throw Required(i, "datatype");
            if (tensor.Shape.Count == 0) throw new MalformedRequestException($"'inputs[{i}].shape' needs at least the batch dimension", $"inputs[{i}].shape");
            if (tensor.Shape.Any(d => d < 0)) throw new MalformedRequestException($"'inputs[{i}].shape' must hold non-negative integers", $"inputs[{i}].shape");
            if (raw > 0 && tensor.Contents is not null)
                throw new MalformedRequestException($"'inputs[{i}].contents' must not be set when raw_input_contents is used", $"inputs[{i}].contents");
            inputs[i] = new V2Input(i, tensor.Name, [.. tensor.Shape], tensor.Datatype, default);
        }
        var outputs = request.Outputs.Count == 0 ? null : request.Outputs.Select(ReadOutput).ToList();
        return new V2Request(request.Id.Length == 0 ? null : request.Id, inputs, outputs);
    }

    private static V2RequestedOutput ReadOutput(ModelInferRequest.Types.InferRequestedOutputTensor output, int index)
    {
        if (output.Name.Length == 0) throw new MalformedRequestException($"'outputs[{index}].name' is required", $"outputs[{index}].name");
        var classification = 0;
        if (output.Parameters.TryGetValue("classification", out var asked))
        {
            var path = $"outputs[{index}].parameters.classification";
            if (asked.ParameterChoiceCase != InferParameter.ParameterChoiceOneofCase.Int64Param || asked.Int64Param is < 0 or > int.MaxValue)
                throw new MalformedRequestException($"'{path}' must be a non-negative integer (the number of top classes)", path);
            classification = (int)asked.Int64Param;
        }
        return new V2RequestedOutput(output.Name, classification);
    }

    private static bool IsOff(InferParameter parameter) =>
        parameter.ParameterChoiceCase == InferParameter.ParameterChoiceOneofCase.None
        || (parameter.ParameterChoiceCase == InferParameter.ParameterChoiceOneofCase.BoolParam && !parameter.BoolParam);

    private static MalformedRequestException Required(int index, string field) =>
        new($"'inputs[{index}].{field}' is required", $"inputs[{index}].{field}");
}
