using System.Buffers.Binary;
using Google.Protobuf;
using MlService.Api.Grpc.Protocol;

namespace MlService.LoadTest.Bodies;

/// <summary>
/// Open Inference Protocol over gRPC: a <c>ModelInferRequest</c> with one tensor per column, shape [N, 1], datatypes as
/// <see cref="V2BodyBuilder"/> chooses them, values in <c>raw_input_contents</c> (little-endian, BYTES length-prefixed) or
/// in typed contents; framed as gRPC sends it (no compression flag, 4-byte big-endian length, the message).
/// </summary>
/// <param name="model">Named in the message (gRPC's path is the method).</param>
public sealed class GrpcBodyBuilder(bool raw, string model) : IBodyBuilder
{
    public string RelativePath(string model) => "inference.GRPCInferenceService/ModelInfer";

    public byte[] Build(IReadOnlyList<FieldSpec> columns, IReadOnlyList<object?[]> rows)
    {
        var request = new ModelInferRequest { ModelName = model };
        for (var c = 0; c < columns.Count; c++)
        {
            var datatype = V2BodyBuilder.Datatype(columns[c].Kind);
            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = columns[c].Name, Datatype = datatype, Shape = { rows.Count, 1 } };
            var values = rows.Select(r => r[c]).ToList();
            if (raw) request.RawInputContents.Add(Raw(datatype, values));
            else tensor.Contents = Typed(datatype, values);
            request.Inputs.Add(tensor);
        }
        var message = request.ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }

    private static ByteString Raw(string datatype, List<object?> values)
    {
        using var buffer = new MemoryStream();
        Span<byte> scratch = stackalloc byte[8];
        foreach (var value in values)
        {
            switch (datatype)
            {
                case "FP64": BinaryPrimitives.WriteDoubleLittleEndian(scratch, Convert.ToDouble(value, CultureInfo.InvariantCulture)); buffer.Write(scratch[..8]); break;
                case "INT64": BinaryPrimitives.WriteInt64LittleEndian(scratch, Convert.ToInt64(value, CultureInfo.InvariantCulture)); buffer.Write(scratch[..8]); break;
                case "BOOL": buffer.WriteByte(Convert.ToBoolean(value, CultureInfo.InvariantCulture) ? (byte)1 : (byte)0); break;
                default:
                    var text = System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    BinaryPrimitives.WriteInt32LittleEndian(scratch, text.Length);
                    buffer.Write(scratch[..4]);
                    buffer.Write(text);
                    break;
            }
        }
        return ByteString.CopyFrom(buffer.ToArray());
    }

    private static InferTensorContents Typed(string datatype, List<object?> values)
    {
        var contents = new InferTensorContents();
        switch (datatype)
        {
            case "FP64": contents.Fp64Contents.AddRange(values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture))); break;
            case "INT64": contents.Int64Contents.AddRange(values.Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture))); break;
            case "BOOL": contents.BoolContents.AddRange(values.Select(v => Convert.ToBoolean(v, CultureInfo.InvariantCulture))); break;
            default: contents.BytesContents.AddRange(values.Select(v => ByteString.CopyFromUtf8(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""))); break;
        }
        return contents;
    }
}
