namespace MlService.Api.Codecs.V2;

/// <summary>
/// Turns the input tensors of a V2 request into the model's input frame. A column-based model takes one tensor per
/// column, named like it, shape [N] or [N, 1]; a tensor-based model takes its tensors by name, shape [N, ...] matching the
/// signature. Every input must agree on N. Element values are coerced by <see cref="FrameBuilder"/> as the declared
/// datatype, then widened to the input's kind (<see cref="V2Datatypes"/>); problems are collected per input name.
/// The common request takes <see cref="V2ColumnFastPath"/>; everything else (and every error) the general path here.
/// </summary>
public static class V2FrameDecoder
{
    public static Frame Decode(ReadOnlySpan<byte> json, V2Request request, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows) =>
        V2ColumnFastPath.TryDecode(json, request, fields, options, maxRows) ?? DecodeGeneral(json, request, fields, options, maxRows);

    /// <summary>Any JSON request: each tensor read as its declared datatype, checked against its input, widened to the input's kind.</summary>
    internal static Frame DecodeGeneral(ReadOnlySpan<byte> json, V2Request request, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows) =>
        Decode(request, fields, options, maxRows, new JsonTensors(json));

    /// <summary>
    /// The checks and assembly every V2 transport shares (names, datatypes, shapes, row counts, conversion to the input's
    /// kind); <paramref name="tensors"/> reads each tensor's values from its wire form (JSON data, gRPC contents).
    /// </summary>
    public static Frame Decode<TTensors>(V2Request request, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows, TTensors tensors)
        where TTensors : IV2TensorValues, allows ref struct
    {
        var errors = new FieldErrorCollector(options.MaxErrors);
        var columns = new FrameColumn?[fields.Count];
        long? rows = null;
        foreach (var input in request.Inputs)
        {
            var f = IndexOf(fields, input.Name);
            if (f < 0)
            {
                if (options.StrictInputs) errors.Add(input.Name, "is not an input of this model (StrictInputs is on)");
                continue;
            }
            if (columns[f] is not null)
            {
                errors.Add(input.Name, "is given twice");
                continue;
            }
            var field = fields[f];
            if (V2DatatypeNames.FromV2Datatype(input.Datatype) is not { } sent)
            {
                // The unknown name is request data: quoted only when EchoInputInErrors is on (found by the fuzz test).
                errors.Add(input.Name, $"has unknown datatype{(options.EchoValues ? $" '{input.Datatype}'" : "")}; use one of BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64, BYTES");
                continue;
            }
            if (!CheckShape(input, field, errors)) continue;
            if (V2Datatypes.ReadAs(sent, field.Kind) is not { } readAs)
            {
                errors.Add(input.Name, $"has datatype {input.Datatype}; this input takes {V2DatatypeNames.ToV2Datatype(field.Kind)}");
                continue;
            }
            if (rows is { } n && n != input.Shape[0])
            {
                errors.Add(input.Name, $"has {input.Shape[0]} rows (shape[0]); the other inputs have {n}");
                continue;
            }
            rows = input.Shape[0];
            if (rows > maxRows) throw new PayloadTooLargeException($"the request has {rows} rows; at most {maxRows} are allowed per request");
            columns[f] = ReadTensor(input, readAs, field, options, errors, tensors);
        }
        for (var f = 0; f < fields.Count; f++)
            if (columns[f] is null && fields[f].Required && request.Inputs.All(i => i.Name != fields[f].Name)) errors.Add(fields[f].Name, "is a required input and is missing");
        errors.ThrowIfAny();
        return Assemble(fields, columns, checked((int)(rows ?? 0)), options);
    }

    private static bool CheckShape(V2Input input, FieldSpec field, FieldErrorCollector errors)
    {
        var shape = input.Shape;
        bool fits;
        if (field.Shape is not { } expected) fits = shape.Length == 1 || (shape.Length == 2 && shape[1] == 1);
        else fits = expected.Count == shape.Length && Enumerable.Range(1, shape.Length - 1).All(d => expected[d] < 0 || expected[d] == shape[d]);
        if (!fits)
            errors.Add(input.Name, field.Shape is null
                ? $"has shape [{string.Join(", ", shape)}]; a column input takes [N] or [N, 1]"
                : $"has shape [{string.Join(", ", shape)}]; this input takes [{string.Join(", ", field.Shape.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]");
        return fits;
    }

    /// <summary>Reads the tensor's values as one row of shape-product elements, then splits it into rows.</summary>
    private static FrameColumn? ReadTensor<TTensors>(V2Input input, DataKind readAs, FieldSpec field, ValidationOptions options, FieldErrorCollector errors, TTensors tensors)
        where TTensors : IV2TensorValues, allows ref struct
    {
        var target = field.Kind;
        var rows = checked((int)input.Shape[0]);
        var product = input.Shape.Aggregate(1.0, (a, d) => a * d);
        if (product > Array.MaxLength)
        {
            errors.Add(input.Name, $"has shape [{string.Join(", ", input.Shape)}], more values than a request can hold");
            return null;
        }
        var total = (int)product;
        var width = rows == 0 ? 1 : Math.Max(1, total / rows);
        if (tensors.Read(input, readAs, field.Required, total, options, errors) is not { } values) return null;
        var rowShape = input.Shape.Length > 2 ? input.Shape[1..] : null;
        var column = new FrameColumn(input.Name, readAs, values, width, shape: rowShape);
        try
        {
            return ColumnConversion.ConvertTo(column, target);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
        {
            errors.Add(input.Name, $"has values that do not fit {V2DatatypeNames.ToV2Datatype(target)}");
            return null;
        }
    }

    /// <summary>The values of a tensor's (flat or nested) JSON <c>data</c> array, a slice of the request body.</summary>
    private readonly ref struct JsonTensors(ReadOnlySpan<byte> json) : IV2TensorValues
    {
        private readonly ReadOnlySpan<byte> _json = json;

        public Array? Read(V2Input input, DataKind readAs, bool required, int total, ValidationOptions options, FieldErrorCollector errors)
        {
            var data = _json[input.Data];
            var count = CountValues(data);
            if (count < 0)
            {
                errors.Add(input.Name, "data must be a list of values (flat or nested)");
                return null;
            }
            if (count != total)
            {
                errors.Add(input.Name, $"data has {count} values; shape [{string.Join(", ", input.Shape)}] needs {total}");
                return null;
            }
            if (total == 0) return Array.CreateInstance(DataKinds.ElementType(readAs), 0);
            // The whole tensor as one row of one field (null allowed as the input allows it, like the fast path); its
            // problems go straight to the request's collector.
            var before = errors.Count;
            var builder = new FrameBuilder([new FieldSpec(input.Name, readAs, required, [1, total])], 1, options, (_, name) => name, errors);
            var reader = new Utf8JsonReader(data);
            reader.Read();
            builder.Read(0, 0, ref reader);
            return errors.Count != before ? null : builder.RawValues(0);
        }
    }

    /// <summary>Number of scalar values in a (possibly nested) JSON array, or -1 when the data is not an array.</summary>
    private static int CountValues(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return -1;
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray) continue;
            if (reader.TokenType == JsonTokenType.StartObject) reader.Skip();
            count++;
        }
        return count;
    }

    /// <summary>The frame in signature order; optional inputs not sent get the builder's missing values.</summary>
    private static Frame Assemble(IReadOnlyList<FieldSpec> fields, FrameColumn?[] columns, int rows, ValidationOptions options)
    {
        var missing = fields.Where((_, f) => columns[f] is null).ToList();
        var defaults = missing.Count == 0 ? null : new FrameBuilder(missing, rows, options).Build();
        var result = new FrameColumn[fields.Count];
        for (var f = 0; f < fields.Count; f++) result[f] = columns[f] ?? defaults![fields[f].Name];
        return new Frame(rows, result);
    }

    internal static int IndexOf(IReadOnlyList<FieldSpec> fields, string name)
    {
        for (var f = 0; f < fields.Count; f++)
            if (string.Equals(fields[f].Name, name, StringComparison.Ordinal)) return f;
        return -1;
    }
}
