using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>
/// An ML.NET input row that reads the current row of a bound frame. The row-to-row mapper takes
/// its getters once; moving the cursor is then two field writes, which is what makes per-row prediction
/// cheap. A scalar float or double column reads the frame's values in the kind the client sent (the int64 of an
/// MLflow <c>long</c> column, say) and converts each value as it is read, so a request does not copy its columns
/// into the model's types first (<see cref="ReadsDirectly"/>). Not thread-safe: one per engine.
/// </summary>
internal sealed class FrameDataViewRow : DataViewRow
{
    private readonly Array?[] _arrays;
    private readonly DataKind[] _kinds;
    private readonly Delegate[] _getters;
    private long _position = -1;
    private int _row;

    public FrameDataViewRow(DataViewSchema schema)
    {
        Schema = schema;
        _arrays = new Array?[schema.Count];
        _kinds = new DataKind[schema.Count];
        _getters = new Delegate[schema.Count];
        for (var c = 0; c < schema.Count; c++) _getters[c] = CreateGetter(schema[c]);
    }

    public override DataViewSchema Schema { get; }
    public override long Position => _position;
    public override long Batch => 0;

    /// <summary>
    /// True when a column of <paramref name="schemaType"/> can read values of <paramref name="source"/> kind as they
    /// are (same kind), or converting each value (numbers into a scalar float or double column) exactly as
    /// <see cref="ColumnConversion"/> would.
    /// </summary>
    public static bool ReadsDirectly(DataViewType schemaType, DataKind source)
    {
        if (MlNetTypes.KindOf(schemaType) == source) return true;
        if (schemaType is VectorDataViewType) return false;
        return (schemaType.RawType == typeof(float) || schemaType.RawType == typeof(double))
            && source is DataKind.Float32 or DataKind.Float64 or DataKind.Int64 or DataKind.Int32 or DataKind.Boolean;
    }

    /// <summary>Binds the values of schema column <paramref name="column"/>, stored as <paramref name="kind"/> (see <see cref="ReadsDirectly"/>).</summary>
    public void Bind(int column, Array values, DataKind kind)
    {
        _arrays[column] = values;
        _kinds[column] = kind;
    }

    /// <summary>Drops the references to a request's data.</summary>
    public void Unbind() => Array.Clear(_arrays);

    /// <summary>Moves to <paramref name="row"/>; a new position tells ML.NET's cached getters to recompute.</summary>
    public void MoveTo(int row)
    {
        _row = row;
        _position++;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        _getters[column.Index] as ValueGetter<TValue>
        ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    private Delegate CreateGetter(DataViewSchema.Column column)
    {
        var c = column.Index;
        var type = column.Type;
        if (type is VectorDataViewType vector)
        {
            return vector.ItemType.RawType switch
            {
                var t when t == typeof(float) => Vector<float>(c, vector.Size),
                var t when t == typeof(double) => Vector<double>(c, vector.Size),
                var t when t == typeof(int) => Vector<int>(c, vector.Size),
                var t when t == typeof(long) => Vector<long>(c, vector.Size),
                var t when t == typeof(bool) => Vector<bool>(c, vector.Size),
                var t when t == typeof(ReadOnlyMemory<char>) => TextVector(c, vector.Size),
                _ => Unsupported(column),
            };
        }
        return type.RawType switch
        {
            var t when t == typeof(float) => Single(c),
            var t when t == typeof(double) => Double(c),
            var t when t == typeof(int) => Scalar<int>(c),
            var t when t == typeof(long) => Scalar<long>(c),
            var t when t == typeof(bool) => Scalar<bool>(c),
            var t when t == typeof(uint) => Scalar<uint>(c),
            var t when t == typeof(ReadOnlyMemory<char>) => Text(c),
            _ => Unsupported(column),
        };
    }

    private ValueGetter<T> Scalar<T>(int c) => (ref T value) =>
        value = _arrays[c] is T[] values ? values[_row] : default!;

    /// <summary>Reads a scalar float column from any kind <see cref="ReadsDirectly"/> accepts (dispatch by kind: the CLR lets a long[] pass as ulong[]).</summary>
    private ValueGetter<float> Single(int c) => (ref float value) =>
    {
        var values = _arrays[c];
        value = values is null ? 0 : _kinds[c] switch
        {
            DataKind.Float32 => Unsafe.As<float[]>(values)[_row],
            DataKind.Int64 => (float)(double)Unsafe.As<long[]>(values)[_row],
            DataKind.Float64 => (float)Unsafe.As<double[]>(values)[_row],
            DataKind.Int32 => Unsafe.As<int[]>(values)[_row],
            DataKind.Boolean => Unsafe.As<bool[]>(values)[_row] ? 1 : 0,
            _ => throw new InvalidOperationException($"column {c} cannot be read from {_kinds[c]} values"),
        };
    };

    private ValueGetter<double> Double(int c) => (ref double value) =>
    {
        var values = _arrays[c];
        value = values is null ? 0 : _kinds[c] switch
        {
            DataKind.Float64 => Unsafe.As<double[]>(values)[_row],
            DataKind.Float32 => Unsafe.As<float[]>(values)[_row],
            DataKind.Int64 => Unsafe.As<long[]>(values)[_row],
            DataKind.Int32 => Unsafe.As<int[]>(values)[_row],
            DataKind.Boolean => Unsafe.As<bool[]>(values)[_row] ? 1 : 0,
            _ => throw new InvalidOperationException($"column {c} cannot be read from {_kinds[c]} values"),
        };
    };

    private ValueGetter<ReadOnlyMemory<char>> Text(int c) => (ref ReadOnlyMemory<char> value) =>
        value = _arrays[c] is string?[] values ? (values[_row] ?? "").AsMemory() : ReadOnlyMemory<char>.Empty;

    private ValueGetter<VBuffer<T>> Vector<T>(int c, int size) => (ref VBuffer<T> value) =>
    {
        var editor = VBufferEditor.Create(ref value, size);
        if (_arrays[c] is T[] values) values.AsSpan(_row * size, size).CopyTo(editor.Values);
        else editor.Values.Clear();
        value = editor.Commit();
    };

    private ValueGetter<VBuffer<ReadOnlyMemory<char>>> TextVector(int c, int size) => (ref VBuffer<ReadOnlyMemory<char>> value) =>
    {
        var editor = VBufferEditor.Create(ref value, size);
        for (var i = 0; i < size; i++)
            editor.Values[i] = _arrays[c] is string?[] values ? (values[_row * size + i] ?? "").AsMemory() : ReadOnlyMemory<char>.Empty;
        value = editor.Commit();
    };

    private static Delegate Unsupported(DataViewSchema.Column column) =>
        (ValueGetter<object>)((ref object _) => throw new NotSupportedException($"input column '{column.Name}' has unsupported type {column.Type}"));
}
