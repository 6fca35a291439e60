namespace MlService.LoadTest.Bodies;

/// <summary>Writes rows as one request body of a wire protocol, and names the route that takes it.</summary>
public interface IBodyBuilder
{
    /// <summary>Route relative to the service's base URL, e.g. <c>models/m/predict</c>.</summary>
    string RelativePath(string model);

    byte[] Build(IReadOnlyList<FieldSpec> columns, IReadOnlyList<object?[]> rows);
}
