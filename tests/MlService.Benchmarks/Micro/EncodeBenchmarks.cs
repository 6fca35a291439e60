using MlService.Core.Codecs;
using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MlService.Api.Codecs;
using MlService.Benchmarks.Fixtures;
using MlService.Core.Frames;
using MlService.Core.Validation;

namespace MlService.Benchmarks.Micro;

/// <summary>Output frame to the native response JSON, the way the endpoint writes it (fresh buffer per response, like <see cref="JsonResponse"/>).</summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };
    private Frame? _output;

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var model = HeartDiseaseModel.Train();
        var body = Rows == 1 ? HeartPayloads.Single() : HeartPayloads.Batch(Rows);
        _output = model.Model.Predict(JsonRowsReader.Read(body, model.Model.Signature.Inputs, ValidationOptions.Default, 10_000).Frame);
    }

    [Benchmark]
    public int Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", "heart-disease");
            writer.WriteString("model_version", "1");
            if (Rows == 1)
            {
                writer.WritePropertyName("prediction");
                FrameJsonWriter.WriteRow(writer, _output!, 0);
            }
            else
            {
                writer.WritePropertyName("predictions");
                FrameJsonWriter.WriteRows(writer, _output!);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenCount;
    }
}
