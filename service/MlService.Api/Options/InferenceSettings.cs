namespace MlService.Api.Options;

/// <summary>
/// The request limits and validation switches in force, re-read when the configuration changes (e.g. the
/// mounted ConfigMap file). A change that fails validation is logged and the last good settings stay:
/// <see cref="IOptionsMonitor{T}"/> would throw on every request after a bad edit. Each change builds the
/// options afresh through the options factory (binding + validation). Thread-safe.
/// </summary>
public sealed partial class InferenceSettings : IDisposable
{
    private readonly IOptionsFactory<InferenceOptions> _factory;
    private readonly ILogger<InferenceSettings> _logger;
    private readonly IDisposable _subscription;
    private volatile Snapshot _current;

    public InferenceSettings(IOptionsFactory<InferenceOptions> factory, IConfiguration configuration, ILogger<InferenceSettings> logger)
    {
        _factory = factory;
        _logger = logger;
        _current = new Snapshot(factory.Create(Microsoft.Extensions.Options.Options.DefaultName));
        _subscription = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, Refresh);
    }

    public InferenceOptions Options => _current.Options;

    /// <summary>The core library's validation switches, made once per change rather than per request.</summary>
    public ValidationOptions Validation => _current.Validation;

    private void Refresh()
    {
        try
        {
            _current = new Snapshot(_factory.Create(Microsoft.Extensions.Options.Options.DefaultName));
        }
        catch (OptionsValidationException e)
        {
            LogRejected(string.Join("; ", e.Failures));
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong type in the edited file: the binder's message names the key.
            LogRejected(e.Message);
        }
    }

    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Changed MlService:Inference settings are invalid and were not applied; the previous ones stay: {Failures}")]
    private partial void LogRejected(string failures);

    private sealed record Snapshot(InferenceOptions Options)
    {
        public ValidationOptions Validation { get; } = Options.ToValidation();
    }
}
