using System.Buffers.Binary;
using Google.Protobuf;

namespace MlService.Api.Tests.Grpc;

/// <summary>The three <see cref="HeartRows"/> as a gRPC ModelInferRequest, one tensor per column with the metadata's datatypes.</summary>
public static class HeartTensors
{
    public static ModelInferRequest Request(ModelMetadataResponse metadata, bool raw, string id = "42")
    {
        var request = new ModelInferRequest { ModelName = "heart-disease", Id = id };
        foreach (var input in metadata.Inputs)
        {
            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.Datatype };
            tensor.Shape.Add(HeartRows.Rows.Length);
            var values = HeartRows.Rows.Select(r => r[input.Name]!).ToList();
            if (raw) request.RawInputContents.Add(Raw(input.Datatype, values));
            else tensor.Contents = Typed(input.Datatype, values);
            request.Inputs.Add(tensor);
        }
        return request;
    }

    public static InferTensorContents Typed(string datatype, IReadOnlyList<JsonNode> values)
    {
        var contents = new InferTensorContents();
        switch (datatype)
        {
            case "FP32": contents.Fp32Contents.AddRange(values.Select(v => v.GetValue<float>())); break;
            case "FP64": contents.Fp64Contents.AddRange(values.Select(v => v.GetValue<double>())); break;
            case "INT32": contents.IntContents.AddRange(values.Select(v => v.GetValue<int>())); break;
            case "INT64": contents.Int64Contents.AddRange(values.Select(v => v.GetValue<long>())); break;
            case "BOOL": contents.BoolContents.AddRange(values.Select(v => v.GetValue<bool>())); break;
            case "BYTES": contents.BytesContents.AddRange(values.Select(v => ByteString.CopyFromUtf8(v.GetValue<string>()))); break;
            default: throw new ArgumentOutOfRangeException(nameof(datatype), datatype);
        }
        return contents;
    }

    /// <summary>The raw layout written here independently of the server: little-endian elements, BYTES length-prefixed.</summary>
    public static ByteString Raw(string datatype, IReadOnlyList<JsonNode> values)
    {
        var bytes = new List<byte>();
        foreach (var v in values)
        {
            switch (datatype)
            {
                case "FP32": bytes.AddRange(LittleEndian(4, b => BinaryPrimitives.WriteSingleLittleEndian(b, v.GetValue<float>()))); break;
                case "FP64": bytes.AddRange(LittleEndian(8, b => BinaryPrimitives.WriteDoubleLittleEndian(b, v.GetValue<double>()))); break;
                case "INT32": bytes.AddRange(LittleEndian(4, b => BinaryPrimitives.WriteInt32LittleEndian(b, v.GetValue<int>()))); break;
                case "INT64": bytes.AddRange(LittleEndian(8, b => BinaryPrimitives.WriteInt64LittleEndian(b, v.GetValue<long>()))); break;
                case "BOOL": bytes.Add(v.GetValue<bool>() ? (byte)1 : (byte)0); break;
                case "BYTES":
                    var text = Encoding.UTF8.GetBytes(v.GetValue<string>());
                    bytes.AddRange(LittleEndian(4, b => BinaryPrimitives.WriteInt32LittleEndian(b, text.Length)));
                    bytes.AddRange(text);
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(datatype), datatype);
            }
        }
        return ByteString.CopyFrom([.. bytes]);
    }

    /// <summary>A float as REST's JSON carries it (its shortest round-trip text), so FP32 outputs compare exactly across protocols.</summary>
    public static double AsJsonWritesIt(float value) => double.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] LittleEndian(int size, Action<Span<byte>> write)
    {
        var buffer = new byte[size];
        write(buffer);
        return buffer;
    }

    /// <summary>An output's values from typed or raw contents (raw_output_contents[index]).</summary>
    public static double[] Numbers(ModelInferResponse response, string name)
    {
        var index = response.Outputs.Select(o => o.Name).ToList().IndexOf(name);
        var output = response.Outputs[index];
        if (response.RawOutputContents.Count == 0)
        {
            var c = output.Contents;
            return output.Datatype switch
            {
                "FP32" => c.Fp32Contents.Select(AsJsonWritesIt).ToArray(),
                "FP64" => c.Fp64Contents.ToArray(),
                "INT64" => c.Int64Contents.Select(v => (double)v).ToArray(),
                "BOOL" => c.BoolContents.Select(v => v ? 1.0 : 0.0).ToArray(),
                _ => throw new ArgumentOutOfRangeException(output.Datatype),
            };
        }
        var raw = response.RawOutputContents[index].Span;
        return output.Datatype switch
        {
            "FP32" => Enumerable.Range(0, raw.Length / 4).Select(i => AsJsonWritesIt(BinaryPrimitives.ReadSingleLittleEndian(response.RawOutputContents[index].Span[(i * 4)..]))).ToArray(),
            "FP64" => Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(response.RawOutputContents[index].Span[(i * 8)..])).ToArray(),
            "INT64" => Enumerable.Range(0, raw.Length / 8).Select(i => (double)BinaryPrimitives.ReadInt64LittleEndian(response.RawOutputContents[index].Span[(i * 8)..])).ToArray(),
            "BOOL" => raw.ToArray().Select(b => b != 0 ? 1.0 : 0.0).ToArray(),
            _ => throw new ArgumentOutOfRangeException(output.Datatype),
        };
    }
}
