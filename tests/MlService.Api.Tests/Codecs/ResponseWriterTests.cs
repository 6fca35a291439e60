using System.Buffers;
using System.Text.Json;
using MlService.Api.Codecs;

namespace MlService.Api.Tests.Codecs;

public sealed class ResponseWriterTests
{
    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly Frame Output = new(2,
    [
        FrameColumn.Create("PredictedLabel", DataKind.Boolean, [true, false]),
        FrameColumn.Create("Probability", DataKind.Float32, [0.75f, 0.25f]),
    ]);

    [Fact]
    public void MlflowWritesOneObjectPerRowForAColumnModel()
    {
        var signature = new ModelSignature([new("age", DataKind.Int64)], [new("PredictedLabel", DataKind.Boolean), new("Probability", DataKind.Float32)]);

        var json = Written(w => MlflowPredictionsWriter.Write(w, Output, signature));

        Assert.Equal("""{"predictions":[{"PredictedLabel":true,"Probability":0.75},{"PredictedLabel":false,"Probability":0.25}]}""", json);
    }

    [Fact]
    public void MlflowWritesOneListPerOutputForATensorModel()
    {
        var signature = new ModelSignature([new("pixels", DataKind.Float32, Shape: [-1, 2])], [new("scores", DataKind.Float32, Shape: [-1, 2])]);
        var output = new Frame(2, [FrameColumn.Create("scores", DataKind.Float32, [0.5f, 0.5f, 1f, 0f], width: 2)]);

        var json = Written(w => MlflowPredictionsWriter.Write(w, output, signature));

        Assert.Equal("""{"predictions":{"scores":[[0.5,0.5],[1,0]]}}""", json);
    }

    [Fact]
    public void FrameRowsAreWrittenAsObjectsKeyedByColumn()
    {
        var json = Written(w => FrameJsonWriter.WriteRows(w, Output));

        Assert.Equal("""[{"PredictedLabel":true,"Probability":0.75},{"PredictedLabel":false,"Probability":0.25}]""", json);
    }
}
