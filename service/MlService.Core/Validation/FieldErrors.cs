using MlService.Core.Errors;

namespace MlService.Core.Validation;

/// <summary>Collects every field problem of one request (not only the first), keyed by field path.</summary>
public sealed class FieldErrors(int maxErrors)
{
    private Dictionary<string, List<string>>? _errors;
    private int _count;

    public bool Any => _count > 0;

    public void Add(string path, string message)
    {
        if (_count >= maxErrors) return;
        _count++;
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(path, out var list)) _errors[path] = list = [];
        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (_count == 0) return;
        throw new InputValidationException(_errors!.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}
