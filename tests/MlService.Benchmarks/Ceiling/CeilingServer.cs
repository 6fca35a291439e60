using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace MlService.Benchmarks.Ceiling;

/// <summary>
/// The ceiling of the end-to-end benchmark: a bare Kestrel endpoint on <c>POST /predict</c> that parses the same
/// heart-disease JSON (one object or an array) into DTOs and writes a response of MlService's shape — no model, no
/// validation beyond deserialisation, no metrics, no middleware. <c>GET /health/ready</c> answers 200 once listening.
/// Run: <c>dotnet MlService.Benchmarks.dll ceiling --urls http://127.0.0.1:5081</c>.
/// </summary>
public static class CeilingServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Text("Healthy"));
        app.MapPost("/predict", PredictAsync);
        await app.RunAsync();
        return 0;
    }

    private static async Task PredictAsync(HttpContext http)
    {
        var reader = http.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(http.RequestAborted);
            if (read.IsCompleted) break;
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        var body = read.Buffer;
        var batch = FirstByte(body) == (byte)'[';
        var json = new Utf8JsonReader(body);
        if (batch)
        {
            var records = JsonSerializer.Deserialize(ref json, CeilingJsonContext.Default.HeartRecordArray) ?? [];
            reader.AdvanceTo(body.End);
            var predictions = new CeilingPrediction[records.Length];
            Array.Fill(predictions, CeilingPrediction.Fixed);
            await http.Response.WriteAsJsonAsync(new CeilingBatchResponse("heart-disease", "1", predictions), CeilingJsonContext.Default.CeilingBatchResponse);
        }
        else
        {
            _ = JsonSerializer.Deserialize(ref json, CeilingJsonContext.Default.HeartRecord);
            reader.AdvanceTo(body.End);
            await http.Response.WriteAsJsonAsync(new CeilingSingleResponse("heart-disease", "1", CeilingPrediction.Fixed), CeilingJsonContext.Default.CeilingSingleResponse);
        }
    }

    private static byte FirstByte(ReadOnlySequence<byte> body)
    {
        foreach (var segment in body)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b;
        return 0;
    }
}
