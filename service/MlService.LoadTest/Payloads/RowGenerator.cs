using System.Text.Json.Nodes;

namespace MlService.LoadTest.Payloads;

/// <summary>
/// Generates random rows valid for a column signature. Seeded: the same seed, signature and example give the
/// same rows on every run, so two load tests send the same payloads.
/// </summary>
public sealed class RowGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly IReadOnlyList<FieldSpec> _columns;
    private readonly ColumnRange[] _ranges;
    private readonly Random _random;

    public RowGenerator(IReadOnlyList<FieldSpec> columns, JsonArray? inputExample, int seed)
    {
        if (columns.Count == 0) throw new InvalidOperationException("the model has no input signature; pass --rows-file.");
        var tensor = columns.FirstOrDefault(c => c.IsTensor);
        if (tensor is not null)
            throw new InvalidOperationException($"input '{tensor.Name}' is a tensor; random rows are generated for column signatures only, pass --rows-file.");
        _columns = columns;
        _ranges = columns.Select(c => ColumnRange.For(c, inputExample)).ToArray();
        _random = new Random(seed);
    }

    public RowSet Generate(int count)
    {
        var rows = new List<object?[]>(count);
        for (var r = 0; r < count; r++)
        {
            var row = new object?[_columns.Count];
            for (var c = 0; c < _columns.Count; c++) row[c] = Next(_columns[c].Kind, _ranges[c]);
            rows.Add(row);
        }
        return new RowSet(_columns, rows);
    }

    private object Next(DataKind kind, ColumnRange range) => kind switch
    {
        DataKind.Boolean => _random.Next(2) == 1,
        DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.UInt8 or DataKind.UInt16 => (int)Math.Clamp(NextInteger(range, kind), IntMin(kind), IntMax(kind)),
        DataKind.Int64 or DataKind.UInt32 or DataKind.UInt64 => Math.Max(NextInteger(range, kind), IntMin(kind)),
        DataKind.Float16 or DataKind.Float32 => (float)Math.Round(NextDouble(range), 4),
        DataKind.Float64 => Math.Round(NextDouble(range), 4),
        DataKind.String => range.Strings.Count > 0 ? range.Strings[_random.Next(range.Strings.Count)] : NextWord(8),
        DataKind.Binary => Convert.ToBase64String(NextBytes(12)),
        DataKind.DateTime => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(_random.Next(0, 5 * 365 * 86400)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unsupported column type"),
    };

    private double NextDouble(ColumnRange range) => range.Low + _random.NextDouble() * (range.High - range.Low);

    private long NextInteger(ColumnRange range, DataKind kind)
    {
        var low = (long)Math.Floor(Math.Max(range.Low, IntMin(kind)));
        var high = (long)Math.Ceiling(Math.Min(range.High, IntMax(kind)));
        return high <= low ? low : _random.NextInt64(low, high + 1);
    }

    private static long IntMin(DataKind kind) => kind switch
    {
        DataKind.Int8 => sbyte.MinValue,
        DataKind.Int16 => short.MinValue,
        DataKind.Int32 => int.MinValue,
        DataKind.UInt8 or DataKind.UInt16 or DataKind.UInt32 or DataKind.UInt64 => 0,
        _ => long.MinValue / 2,
    };

    private static long IntMax(DataKind kind) => kind switch
    {
        DataKind.Int8 => sbyte.MaxValue,
        DataKind.Int16 => short.MaxValue,
        DataKind.Int32 => int.MaxValue,
        DataKind.UInt8 => byte.MaxValue,
        DataKind.UInt16 => ushort.MaxValue,
        DataKind.UInt32 => uint.MaxValue,
        _ => long.MaxValue / 2,
    };

    private string NextWord(int length) => string.Create(length, _random, (span, random) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[random.Next(Alphabet.Length)];
    });

    private byte[] NextBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
