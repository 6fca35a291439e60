namespace MlService.Core.Validation;

/// <summary>
/// Collects every field problem of one request (not only the first), keyed by field path, up to a maximum; then
/// <see cref="ThrowIfAny"/> reports them all at once as a 422.
/// </summary>
public sealed class FieldErrorCollector(int maxErrors)
{
    private Dictionary<string, List<string>>? _errors;
    private int _count;

    public bool Any => _count > 0;

    /// <summary>Problems collected so far (at most the maximum).</summary>
    public int Count => _count;

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
