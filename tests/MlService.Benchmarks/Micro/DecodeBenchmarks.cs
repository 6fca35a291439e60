using MlService.Core.Codecs;
using System.Text;
using BenchmarkDotNet.Attributes;
using MlService.Benchmarks.Fixtures;
using MlService.Core.Errors;
using MlService.Core.Signatures;
using MlService.Core.Validation;

namespace MlService.Benchmarks.Micro;

/// <summary>
/// JSON body to input frame with the heart-disease signature (decode, validation and coercion happen in one pass
/// in <see cref="JsonRowsReader"/>): typed values, numeric strings that must be coerced, and a body that fails
/// validation (the 422 path, which builds every field error).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private IReadOnlyList<FieldSpec> _inputs = [];
    private byte[] _typed = [];
    private byte[] _strings = [];
    private byte[] _invalid = [];

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var model = HeartDiseaseModel.Train();
        _inputs = model.Model.Signature.Inputs;
        _typed = Rows == 1 ? HeartPayloads.Single() : HeartPayloads.Batch(Rows);
        var text = Encoding.UTF8.GetString(_typed);
        // "age":63 -> "age":"63": every age must be parsed from text.
        _strings = Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(text, "\"age\":([0-9.]+)", "\"age\":\"$1\""));
        // the last row's chol becomes a word: one field error, found after decoding every row.
        var cut = text.LastIndexOf("\"chol\":", StringComparison.Ordinal) + 7;
        _invalid = Encoding.UTF8.GetBytes(text[..cut] + "\"high\"" + text[text.IndexOf(',', cut)..]);
    }

    [Benchmark(Baseline = true)]
    public int DecodeTypedValues() => JsonRowsReader.Read(_typed, _inputs, ValidationOptions.Default, 10_000).Frame.RowCount;

    [Benchmark]
    public int DecodeNumericStrings() => JsonRowsReader.Read(_strings, _inputs, ValidationOptions.Default, 10_000).Frame.RowCount;

    [Benchmark]
    public int RejectInvalidValue()
    {
        try
        {
            return JsonRowsReader.Read(_invalid, _inputs, ValidationOptions.Default, 10_000).Frame.RowCount;
        }
        catch (InputValidationException e)
        {
            return e.FieldErrors.Count;
        }
    }
}
