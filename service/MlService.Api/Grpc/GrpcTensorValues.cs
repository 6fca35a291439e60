using Google.Protobuf;
using Google.Protobuf.Collections;
using MlService.Api.Codecs.V2;
using MlService.Api.Grpc.Protocol;

namespace MlService.Api.Grpc;

/// <summary>
/// The values of a gRPC input tensor for <see cref="V2FrameDecoder"/>: from <c>raw_input_contents[i]</c> when the request
/// uses raw contents, else from the typed <c>contents</c> field of the declared datatype (int_contents for INT8..INT32,
/// uint_contents for UINT8..UINT32, ...). Read as the declared datatype, so an INT8 of 300 is an error as on REST.
/// </summary>
public readonly struct GrpcTensorValues(ModelInferRequest request) : IV2TensorValues
{
    public Array? Read(V2Input input, DataKind readAs, bool required, int total, ValidationOptions options, FieldErrorCollector errors)
    {
        var sent = V2DatatypeNames.FromV2Datatype(input.Datatype)!.Value;
        // BYTES is read straight as the string, binary or date-time input it fills; every other datatype as itself.
        var kind = sent == DataKind.String ? readAs : sent;
        return request.RawInputContents.Count > 0
            ? ReadRaw(input, request.RawInputContents[input.Index], kind, total, options, errors)
            : ReadTyped(input, request.Inputs[input.Index].Contents, kind, total, options, errors);
    }

    private static Array? ReadRaw(V2Input input, ByteString raw, DataKind kind, int total, ValidationOptions options, FieldErrorCollector errors)
    {
        var size = RawTensors.ElementSize(kind);
        if (size > 0)
        {
            if (raw.Length != (long)total * size)
            {
                errors.Add(input.Name, $"raw_input_contents[{input.Index}] has {raw.Length} bytes; shape [{string.Join(", ", input.Shape)}] of {input.Datatype} needs {(long)total * size}");
                return null;
            }
            return RawTensors.ReadFixed(raw.Span, kind);
        }
        if (RawTensors.ReadBytes(raw.Memory) is not { } elements)
        {
            errors.Add(input.Name, $"raw_input_contents[{input.Index}] is not BYTES elements (each a 4-byte little-endian length and the bytes)");
            return null;
        }
        return FromBytes(input, elements, kind, total, options, errors);
    }

    private static Array? ReadTyped(V2Input input, InferTensorContents? contents, DataKind kind, int total, ValidationOptions options, FieldErrorCollector errors)
    {
        contents ??= new InferTensorContents();
        var (field, count) = kind switch
        {
            DataKind.Boolean => ("bool_contents", contents.BoolContents.Count),
            DataKind.Int8 or DataKind.Int16 or DataKind.Int32 => ("int_contents", contents.IntContents.Count),
            DataKind.Int64 => ("int64_contents", contents.Int64Contents.Count),
            DataKind.UInt8 or DataKind.UInt16 or DataKind.UInt32 => ("uint_contents", contents.UintContents.Count),
            DataKind.UInt64 => ("uint64_contents", contents.Uint64Contents.Count),
            DataKind.Float32 => ("fp32_contents", contents.Fp32Contents.Count),
            DataKind.Float64 => ("fp64_contents", contents.Fp64Contents.Count),
            DataKind.Float16 => ("", -1),
            _ => ("bytes_contents", contents.BytesContents.Count),
        };
        if (count < 0)
        {
            errors.Add(input.Name, "has datatype FP16, which has no typed contents; send it in raw_input_contents");
            return null;
        }
        if (count != total)
        {
            errors.Add(input.Name, $"contents.{field} has {count} values; shape [{string.Join(", ", input.Shape)}] needs {total}");
            return null;
        }
        try
        {
            return kind switch
            {
                DataKind.Boolean => contents.BoolContents.ToArray(),
                DataKind.Int8 => Narrow(contents.IntContents, v => checked((sbyte)v)),
                DataKind.Int16 => Narrow(contents.IntContents, v => checked((short)v)),
                DataKind.Int32 => contents.IntContents.ToArray(),
                DataKind.Int64 => contents.Int64Contents.ToArray(),
                DataKind.UInt8 => Narrow(contents.UintContents, v => checked((byte)v)),
                DataKind.UInt16 => Narrow(contents.UintContents, v => checked((ushort)v)),
                DataKind.UInt32 => contents.UintContents.ToArray(),
                DataKind.UInt64 => contents.Uint64Contents.ToArray(),
                DataKind.Float32 => contents.Fp32Contents.ToArray(),
                DataKind.Float64 => contents.Fp64Contents.ToArray(),
                _ => FromBytes(input, contents.BytesContents.Select(b => b.Memory).ToList(), kind, total, options, errors),
            };
        }
        catch (OverflowException)
        {
            errors.Add(input.Name, $"has values that do not fit {input.Datatype}");
            return null;
        }
    }

    /// <summary>BYTES elements as the input's strings (UTF-8), binary values (as sent) or date-times (ISO-8601 text).</summary>
    private static Array? FromBytes(V2Input input, List<ReadOnlyMemory<byte>> elements, DataKind kind, int total, ValidationOptions options, FieldErrorCollector errors)
    {
        if (elements.Count != total)
        {
            errors.Add(input.Name, $"has {elements.Count} BYTES elements; shape [{string.Join(", ", input.Shape)}] needs {total}");
            return null;
        }
        if (kind == DataKind.Binary) return elements.Select(e => e.ToArray()).ToArray();
        var texts = new string[total];
        for (var i = 0; i < total; i++)
        {
            if (RawTensors.Utf8(elements[i].Span) is not { } text)
            {
                errors.Add(input.Name, $"element {i} is not valid UTF-8 text");
                return null;
            }
            if (text.Length > options.MaxStringLength)
            {
                errors.Add(input.Name, $"element {i} is longer than {options.MaxStringLength} characters");
                return null;
            }
            texts[i] = text;
        }
        if (kind == DataKind.String) return texts;
        // Date-times parse as every other protocol parses them (the builder's text coercion).
        var builder = new FrameBuilder([new FieldSpec(input.Name, kind, true)], total, options, (_, name) => name);
        for (var i = 0; i < total; i++) builder.ReadText(i, 0, texts[i]);
        if (builder.Errors.Any)
        {
            errors.Add(input.Name, "has BYTES elements that are not ISO-8601 date-times");
            return null;
        }
        return builder.Build().Columns[0].Values;
    }

    private static T[] Narrow<TWire, T>(RepeatedField<TWire> values, Func<TWire, T> convert)
    {
        var result = new T[values.Count];
        for (var i = 0; i < result.Length; i++) result[i] = convert(values[i]);
        return result;
    }
}
