using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// The MLflow <c>onnx</c> flavor's <c>providers</c> and <c>onnx_session_options</c>, applied where they make
/// sense on CPU. Accelerator providers (CUDA, TensorRT, ...) are ignored without error, as MLflow falls back
/// to CPU on a host without them.
/// </summary>
public sealed record OnnxSessionSettings
{
    public const string CpuProvider = "CPUExecutionProvider";

    public static readonly OnnxSessionSettings Default = new();

    /// <summary>Providers the MLmodel asks for that this CPU build does not use.</summary>
    public IReadOnlyList<string> IgnoredProviders { get; init; } = [];

    public int? IntraOpNumThreads { get; init; }
    public int? InterOpNumThreads { get; init; }
    public ExecutionMode? ExecutionMode { get; init; }
    public GraphOptimizationLevel? GraphOptimizationLevel { get; init; }

    /// <summary><c>extra_session_config</c>: ONNX Runtime session config entries (key -> value).</summary>
    public IReadOnlyDictionary<string, string> ExtraSessionConfig { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the flavor block as YamlDotNet parsed it (scalars are strings, lists and maps are collections).</summary>
    public static OnnxSessionSettings FromFlavor(IReadOnlyDictionary<string, object?> flavor)
    {
        var providers = flavor.GetValueOrDefault("providers") switch
        {
            null => [],
            IEnumerable<object?> list => list.Select(p => p?.ToString() ?? "").ToList(),
            var single => [single.ToString() ?? ""],
        };
        var ignored = providers.Where(p => p != CpuProvider).ToList();
        if (flavor.GetValueOrDefault("onnx_session_options") is not IDictionary<object, object?> options)
            return new OnnxSessionSettings { IgnoredProviders = ignored };

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.TryGetValue("extra_session_config", out var extraNode) && extraNode is IDictionary<object, object?> map)
        {
            foreach (var (key, value) in map) extra[key.ToString()!] = value?.ToString() ?? "";
        }
        return new OnnxSessionSettings
        {
            IgnoredProviders = ignored,
            IntraOpNumThreads = Int(options, "intra_op_num_threads"),
            InterOpNumThreads = Int(options, "inter_op_num_threads"),
            ExecutionMode = Mode(options.TryGetValue("execution_mode", out var mode) ? mode?.ToString() : null),
            GraphOptimizationLevel = Level(options.TryGetValue("graph_optimization_level", out var level) ? level?.ToString() : null),
            ExtraSessionConfig = extra,
        };
    }

    /// <summary>Session options for these settings; the caller disposes them once the session exists.</summary>
    public SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions();
        try
        {
            if (IntraOpNumThreads is { } intra) options.IntraOpNumThreads = intra;
            if (InterOpNumThreads is { } inter) options.InterOpNumThreads = inter;
            if (ExecutionMode is { } mode) options.ExecutionMode = mode;
            if (GraphOptimizationLevel is { } level) options.GraphOptimizationLevel = level;
            foreach (var (key, value) in ExtraSessionConfig) options.AddSessionConfigEntry(key, value);
            return options;
        }
        catch (OnnxRuntimeException e)
        {
            options.Dispose();
            throw new ModelLoadException($"onnx_session_options are not accepted by ONNX Runtime: {e.Message}", e);
        }
    }

    private static int? Int(IDictionary<object, object?> options, string key)
    {
        if (!options.TryGetValue(key, out var value) || value is null || value.ToString() is "" or "null" or "~") return null;
        return int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ModelLoadException($"onnx_session_options.{key} must be a non-negative integer, not '{value}'");
    }

    /// <summary>MLflow takes <c>sequential</c> or <c>parallel</c>, case-insensitive.</summary>
    private static ExecutionMode? Mode(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" or "NULL" or "~" => null,
        "SEQUENTIAL" or "ORT_SEQUENTIAL" => Microsoft.ML.OnnxRuntime.ExecutionMode.ORT_SEQUENTIAL,
        "PARALLEL" or "ORT_PARALLEL" => Microsoft.ML.OnnxRuntime.ExecutionMode.ORT_PARALLEL,
        _ => throw new ModelLoadException($"onnx_session_options.execution_mode must be 'sequential' or 'parallel', not '{value}'"),
    };

    /// <summary>MLflow passes the number of onnxruntime.GraphOptimizationLevel (0, 1, 2, 99); enum names are read too.</summary>
    private static GraphOptimizationLevel? Level(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" or "NULL" or "~" => null,
        "0" or "ORT_DISABLE_ALL" => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_DISABLE_ALL,
        "1" or "ORT_ENABLE_BASIC" => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "2" or "ORT_ENABLE_EXTENDED" => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "99" or "ORT_ENABLE_ALL" => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL,
        _ => throw new ModelLoadException($"onnx_session_options.graph_optimization_level must be 0, 1, 2 or 99, not '{value}'"),
    };
}
