using MlService.Core.Frames;
using Microsoft.ML;
using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>
/// An ML.NET input row that reads the current row of a bound frame. The row-to-row mapper takes
/// its getters once; moving the cursor is then two field writes, which is what makes per-row prediction
/// cheap. Not thread-safe: one per engine.
/// </summary>
internal sealed class FrameDataViewRow : DataViewRow
{
    private readonly Array?[] _arrays;
    private readonly Delegate[] _getters;
    private long _position = -1;
    private int _row;

    public FrameDataViewRow(DataViewSchema schema)
    {
        Schema = schema;
        _arrays = new Array?[schema.Count];
        _getters = new Delegate[schema.Count];
        for (var c = 0; c < schema.Count; c++) _getters[c] = CreateGetter(schema[c]);
    }

    public override DataViewSchema Schema { get; }
    public override long Position => _position;
    public override long Batch => 0;

    /// <summary>Binds converted input arrays by schema column index (null for columns the model does not read).</summary>
    public void Bind(Array?[] arrays) => Array.Copy(arrays, _arrays, arrays.Length);

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
            var t when t == typeof(float) => Scalar<float>(c),
            var t when t == typeof(double) => Scalar<double>(c),
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
