using Microsoft.ML;
using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>Copies one output column of a mapped ML.NET row into a frame column, row by row.</summary>
internal abstract class OutputColumnReader
{
    public abstract void Allocate(int rows);
    public abstract void Read(int row);
    public abstract FrameColumn ToColumn();

    public static OutputColumnReader Create(DataViewRow row, DataViewSchema.Column column, OutputColumnShape shape) => column.Type switch
    {
        KeyDataViewType => new KeyReader(row.GetGetter<uint>(column), column.Name, shape.KeyNames!),
        VectorDataViewType { ItemType.RawType: var t } when t == typeof(float) => new VectorReader<float>(row.GetGetter<VBuffer<float>>(column), column.Name, DataKind.Float32, shape),
        VectorDataViewType { ItemType.RawType: var t } when t == typeof(double) => new VectorReader<double>(row.GetGetter<VBuffer<double>>(column), column.Name, DataKind.Float64, shape),
        TextDataViewType => new TextReader(row.GetGetter<ReadOnlyMemory<char>>(column), column.Name),
        BooleanDataViewType => new ScalarReader<bool>(row.GetGetter<bool>(column), column.Name, DataKind.Boolean),
        _ when column.Type.RawType == typeof(float) => new ScalarReader<float>(row.GetGetter<float>(column), column.Name, DataKind.Float32),
        _ when column.Type.RawType == typeof(double) => new ScalarReader<double>(row.GetGetter<double>(column), column.Name, DataKind.Float64),
        _ when column.Type.RawType == typeof(int) => new ScalarReader<int>(row.GetGetter<int>(column), column.Name, DataKind.Int32),
        _ when column.Type.RawType == typeof(long) => new ScalarReader<long>(row.GetGetter<long>(column), column.Name, DataKind.Int64),
        _ when column.Type.RawType == typeof(uint) => new ScalarReader<uint>(row.GetGetter<uint>(column), column.Name, DataKind.UInt32),
        _ => throw new NotSupportedException($"output column '{column.Name}' has unsupported type {column.Type}"),
    };

    private sealed class ScalarReader<T>(ValueGetter<T> getter, string name, DataKind kind) : OutputColumnReader
    {
        private T[] _values = [];
        public override void Allocate(int rows) => _values = new T[rows];
        public override void Read(int row) => getter(ref _values[row]);
        public override FrameColumn ToColumn() => new(name, kind, _values);
    }

    private sealed class TextReader(ValueGetter<ReadOnlyMemory<char>> getter, string name) : OutputColumnReader
    {
        private string?[] _values = [];
        private ReadOnlyMemory<char> _buffer;
        public override void Allocate(int rows) => _values = new string?[rows];
        public override void Read(int row)
        {
            getter(ref _buffer);
            _values[row] = _buffer.ToString();
        }
        public override FrameColumn ToColumn() => new(name, DataKind.String, _values);
    }

    /// <summary>Key-typed output (e.g. a multiclass PredictedLabel): maps the key back to the original label.</summary>
    private sealed class KeyReader(ValueGetter<uint> getter, string name, string[] keyNames) : OutputColumnReader
    {
        private string?[] _values = [];
        private uint _key;
        public override void Allocate(int rows) => _values = new string?[rows];
        public override void Read(int row)
        {
            getter(ref _key);
            _values[row] = _key == 0 || _key > keyNames.Length ? null : keyNames[_key - 1];
        }
        public override FrameColumn ToColumn() => new(name, DataKind.String, _values);
    }

    private sealed class VectorReader<T>(ValueGetter<VBuffer<T>> getter, string name, DataKind kind, OutputColumnShape shape) : OutputColumnReader
    {
        private T[] _values = [];
        private VBuffer<T> _buffer;
        public override void Allocate(int rows) => _values = new T[rows * shape.Width];
        public override void Read(int row)
        {
            getter(ref _buffer);
            var target = _values.AsSpan(row * shape.Width, shape.Width);
            if (_buffer.IsDense) _buffer.GetValues().CopyTo(target);
            else
            {
                target.Clear();
                var indices = _buffer.GetIndices();
                var values = _buffer.GetValues();
                for (var i = 0; i < indices.Length; i++) target[indices[i]] = values[i];
            }
        }
        public override FrameColumn ToColumn() => new(name, kind, _values, shape.Width, shape.SlotNames);
    }
}

/// <summary>What the model knows about an output column once, at load: width, slot names, key names.</summary>
internal sealed record OutputColumnShape(int Width, IReadOnlyList<string>? SlotNames, string[]? KeyNames);
