using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>
/// A loaded ML.NET pipeline evaluated row by row through <see cref="IRowToRowMapper"/> on a frame-backed input
/// row — the mechanism ML.NET's PredictionEngine uses, without a compile-time input class.
/// Thread-safety: a mapper and its rows are not thread-safe (like PredictionEngine), so each concurrent
/// Predict rents its own <see cref="Engine"/> from a pool; the transformer itself is shared read-only.
/// </summary>
internal sealed class MlNetLoadedModel : ILoadedModel
{
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly (DataViewSchema.Column Column, DataKind Kind)[] _inputs;
    private readonly int[] _inputPositions;
    private readonly DataKind?[] _usualKinds; // the signature's kind of each input, when the row reads it directly
    private readonly DataViewSchema.Column[] _outputColumns;
    private readonly OutputColumnShape[] _outputShapes;
    private readonly DataKind?[] _outputKinds;
    private readonly ConcurrentBag<Engine> _pool = [];

    public MlNetLoadedModel(ITransformer transformer, DataViewSchema inputSchema, IRowToRowMapper probe,
        IReadOnlyList<DataViewSchema.Column> outputColumns, ModelSignature signature)
    {
        _transformer = transformer;
        _inputSchema = inputSchema;
        _outputColumns = outputColumns.ToArray();
        Signature = signature;
        var needed = probe.GetDependencies(_outputColumns).Select(c => c.Index).ToHashSet();
        _inputs = inputSchema.Where(c => needed.Contains(c.Index))
            .Select(c => (c, MlNetTypes.KindOf(c.Type) ?? throw new NotSupportedException($"input column '{c.Name}' has unsupported type {c.Type}")))
            .ToArray();
        // Where each input usually is in a request's frame: codecs build frames in signature order.
        _inputPositions = _inputs.Select(i => signature.Inputs.ToList().FindIndex(f => f.Name == i.Column.Name)).ToArray();
        _usualKinds = _inputs.Select((input, i) => _inputPositions[i] >= 0 && FrameDataViewRow.ReadsDirectly(input.Column.Type, signature.Inputs[_inputPositions[i]].Kind)
            ? signature.Inputs[_inputPositions[i]].Kind
            : (DataKind?)null).ToArray();
        _outputShapes = _outputColumns.Select(c => new OutputColumnShape(
            MlNetTypes.WidthOf(c.Type),
            MlNetAnnotations.SlotNames(c) ?? (c.Type is VectorDataViewType ? ScoreLabels() : null),
            c.Type is KeyDataViewType ? MlNetAnnotations.KeyValues(c) ?? [] : null)).ToArray();
        _outputKinds = _outputColumns.Select(c => signature.Outputs.FirstOrDefault(o => o.Name == c.Name && !o.IsTensor)?.Kind).ToArray();
        _pool.Add(new Engine(this, probe));
    }

    public ModelSignature Signature { get; }

    public Frame Predict(Frame input)
    {
        if (!_pool.TryTake(out var engine)) engine = new Engine(this, _transformer.GetRowToRowMapper(_inputSchema));
        try
        {
            return engine.Run(input);
        }
        finally
        {
            _pool.Add(engine);
        }
    }

    public void Dispose()
    {
        while (_pool.TryTake(out var engine)) engine.Dispose();
        (_transformer as IDisposable)?.Dispose();
    }

    /// <summary>Class labels for a vector score when the score column carries no slot names: the predicted label's key values.</summary>
    private string[]? ScoreLabels()
    {
        var label = _outputColumns.FirstOrDefault(c => c.Name == "PredictedLabel");
        return label.Type is KeyDataViewType ? MlNetAnnotations.KeyValues(label) : null;
    }

    /// <summary>One mapper with its bound input row and output readers. Used by one thread at a time.</summary>
    private sealed class Engine : IDisposable
    {
        private readonly MlNetLoadedModel _model;
        private readonly FrameDataViewRow _input;
        private readonly DataViewRow _output;
        private readonly OutputColumnReader[] _readers;

        public Engine(MlNetLoadedModel model, IRowToRowMapper mapper)
        {
            _model = model;
            _input = new FrameDataViewRow(model._inputSchema);
            var outputs = model._outputColumns.Select(c => mapper.OutputSchema[c.Index]).ToArray();
            _output = mapper.GetRow(_input, outputs);
            _readers = outputs.Select((c, i) => OutputColumnReader.Create(_output, c, model._outputShapes[i])).ToArray();
        }

        public Frame Run(Frame input)
        {
            try
            {
                Bind(input);
                var rows = input.RowCount;
                foreach (var reader in _readers) reader.Allocate(rows);
                for (var row = 0; row < rows; row++)
                {
                    _input.MoveTo(row);
                    foreach (var reader in _readers) reader.Read(row);
                }
                var columns = new FrameColumn[_readers.Length];
                for (var i = 0; i < _readers.Length; i++)
                {
                    var column = _readers[i].ToColumn();
                    columns[i] = _model._outputKinds[i] is { } kind && column.Width == 1 && kind != column.Kind
                        ? ColumnConversion.ConvertTo(column, kind)
                        : column;
                }
                return new Frame(rows, columns);
            }
            finally
            {
                _input.Unbind(); // drop references to the request's data
            }
        }

        /// <summary>Binds each input the model reads: as sent when the row can read that kind, else converted to the model's kind.</summary>
        private void Bind(Frame input)
        {
            var inputs = _model._inputs;
            var columns = input.Columns;
            for (var i = 0; i < inputs.Length; i++)
            {
                var (schemaColumn, kind) = inputs[i];
                var position = _model._inputPositions[i];
                var source = position >= 0 && position < columns.Count && string.Equals(columns[position].Name, schemaColumn.Name, StringComparison.Ordinal)
                    ? columns[position]
                    : input.Find(schemaColumn.Name) ?? throw new ArgumentException($"input frame has no column '{schemaColumn.Name}'");
                if (source.Kind == _model._usualKinds[i] || FrameDataViewRow.ReadsDirectly(schemaColumn.Type, source.Kind)) _input.Bind(schemaColumn.Index, source.Values, source.Kind);
                else _input.Bind(schemaColumn.Index, ColumnConversion.ConvertTo(source, kind).Values, kind);
            }
        }

        public void Dispose()
        {
            _output.Dispose();
            _input.Dispose();
        }
    }
}
