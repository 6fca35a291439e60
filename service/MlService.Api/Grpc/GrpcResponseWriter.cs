using Google.Protobuf;
using MlService.Api.Codecs.V2;
using MlService.Api.Grpc.Protocol;

namespace MlService.Api.Grpc;

/// <summary>
/// A prediction as a <c>ModelInferResponse</c> by REST V2's rules (<see cref="V2ResponseWriter"/>): every output, or the ones
/// asked for in their order; the same names, datatypes and shapes; an output asked with <c>classification</c> as the
/// top-k BYTES of <see cref="V2Classification"/>. Raw requests get raw outputs; typed requests typed ones, unless an
/// output is FP16 (no typed field exists for it, and a response is all raw or all typed).
/// </summary>
public static class GrpcResponseWriter
{
    public static ModelInferResponse Write(LoadedVersion version, string id, Frame output, IReadOnlyList<V2RequestedOutput>? requested, bool raw)
    {
        var response = new ModelInferResponse { ModelName = version.Name, ModelVersion = version.Version, Id = id };
        var tensors = new List<(string Name, DataKind Kind, long[] Shape, Array Values)>();
        if (requested is null)
        {
            foreach (var column in output.Columns) tensors.Add((column.Name, column.Kind, V2ResponseWriter.TensorShape(column), column.Values));
        }
        else
        {
            foreach (var asked in requested)
            {
                if (output.Find(asked.Name) is not { } column) continue;
                if (asked.Classification > 0)
                    tensors.Add((column.Name, DataKind.String, [column.RowCount, V2Classification.Count(column, asked.Classification)], V2Classification.TopClasses(column, asked.Classification)));
                else tensors.Add((column.Name, column.Kind, V2ResponseWriter.TensorShape(column), column.Values));
            }
        }
        raw |= tensors.Any(t => t.Kind == DataKind.Float16);
        foreach (var (name, kind, shape, values) in tensors)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = V2DatatypeNames.ToV2Datatype(kind) };
            tensor.Shape.AddRange(shape);
            if (raw) response.RawOutputContents.Add(RawTensors.Write(kind, values));
            else tensor.Contents = Typed(kind, values);
            response.Outputs.Add(tensor);
        }
        return response;
    }

    private static InferTensorContents Typed(DataKind kind, Array values)
    {
        var contents = new InferTensorContents();
        switch (kind)
        {
            case DataKind.Boolean: contents.BoolContents.AddRange((bool[])values); break;
            case DataKind.Int8: contents.IntContents.AddRange(((sbyte[])values).Select(v => (int)v)); break;
            case DataKind.Int16: contents.IntContents.AddRange(((short[])values).Select(v => (int)v)); break;
            case DataKind.Int32: contents.IntContents.AddRange((int[])values); break;
            case DataKind.Int64: contents.Int64Contents.AddRange((long[])values); break;
            case DataKind.UInt8: contents.UintContents.AddRange(((byte[])values).Select(v => (uint)v)); break;
            case DataKind.UInt16: contents.UintContents.AddRange(((ushort[])values).Select(v => (uint)v)); break;
            case DataKind.UInt32: contents.UintContents.AddRange((uint[])values); break;
            case DataKind.UInt64: contents.Uint64Contents.AddRange((ulong[])values); break;
            case DataKind.Float32: contents.Fp32Contents.AddRange((float[])values); break;
            case DataKind.Float64: contents.Fp64Contents.AddRange((double[])values); break;
            default: contents.BytesContents.AddRange(RawTensors.BytesElements(kind, values).Select(b => UnsafeByteOperations.UnsafeWrap(b))); break;
        }
        return contents;
    }
}
