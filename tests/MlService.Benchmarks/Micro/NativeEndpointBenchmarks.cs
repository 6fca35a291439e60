using BenchmarkDotNet.Attributes;
using MlService.Api.Apis;
using MlService.Api.Inference;
using MlService.Api.Metrics;
using MlService.Api.Options;
using MlService.Benchmarks.Fixtures;
using MlService.Core.Registry;
using MlService.Core.Stores;

namespace MlService.Benchmarks.Micro;

/// <summary>
/// One whole native request in process: the real <c>POST /predict</c> handler (content-type check, model lease,
/// body read, decode + validation, ML.NET predict, metrics, response JSON written to the response body) on a
/// <see cref="DefaultHttpContext"/> — everything but Kestrel's HTTP parsing and the middleware.
/// </summary>
[MemoryDiagnoser]
public class NativeEndpointBenchmarks
{
    private HeartDiseaseModel? _model;
    private InferenceService? _inference;
    private InferenceSettings? _options;
    private byte[] _body = [];
    private readonly MemoryStream _response = new();

    [Params(1, 100, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = HeartDiseaseModel.Train();
        var served = new ServedModel("heart-disease", ModelUri.Parse(_model.Directory.Path));
        served.Swap(new LoadedVersion("heart-disease", "1", "mlnet", _model.Model, _model.Directory, TimeSpan.Zero));
        _inference = new InferenceService(new ModelRegistry([served], "heart-disease"), new ServiceMetrics());
        // Default request settings, as the service builds them from configuration.
        _options = new InferenceSettings(
            new Microsoft.Extensions.Options.OptionsFactory<InferenceOptions>([], []),
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<InferenceSettings>.Instance);
        _body = Rows == 1 ? HeartPayloads.Single() : HeartPayloads.Batch(Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark]
    public async Task<long> PredictDefault()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = _body.Length;
        http.Request.Body = new MemoryStream(_body, writable: false);
        _response.SetLength(0);
        http.Response.Body = _response;
        var result = await NativePredictionApi.PredictDefault(http, _inference!, _options!);
        await result.ExecuteAsync(http);
        if (http.Response.StatusCode != 200) throw new InvalidOperationException($"status {http.Response.StatusCode}");
        return _response.Length;
    }
}
