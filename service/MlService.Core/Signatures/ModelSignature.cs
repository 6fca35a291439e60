namespace MlService.Core.Signatures;

/// <summary>Inputs and outputs of a model, as MLflow's <c>signature</c> describes them.</summary>
public sealed record ModelSignature(IReadOnlyList<FieldSpec> Inputs, IReadOnlyList<FieldSpec> Outputs)
{
    public static readonly ModelSignature Empty = new([], []);

    /// <summary>True when the inputs are tensors rather than named columns.</summary>
    public bool IsTensorBased => Inputs.Count > 0 && Inputs.All(i => i.IsTensor);

    public FieldSpec? FindInput(string name)
    {
        foreach (var input in Inputs)
            if (string.Equals(input.Name, name, StringComparison.Ordinal)) return input;
        return null;
    }
}
