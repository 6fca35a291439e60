using System.Text.Json.Serialization;

namespace MlService.Benchmarks.Ceiling;

/// <summary>One heart-disease row as a plain DTO: the 13 UCI Cleveland columns with the types the trained model's signature gives them.</summary>
public sealed class HeartRecord
{
    [JsonPropertyName("age")] public long Age { get; set; }
    [JsonPropertyName("sex")] public long Sex { get; set; }
    [JsonPropertyName("cp")] public long Cp { get; set; }
    [JsonPropertyName("trestbps")] public long Trestbps { get; set; }
    [JsonPropertyName("chol")] public long Chol { get; set; }
    [JsonPropertyName("fbs")] public long Fbs { get; set; }
    [JsonPropertyName("restecg")] public long Restecg { get; set; }
    [JsonPropertyName("thalach")] public long Thalach { get; set; }
    [JsonPropertyName("exang")] public long Exang { get; set; }
    [JsonPropertyName("oldpeak")] public double Oldpeak { get; set; }
    [JsonPropertyName("slope")] public long Slope { get; set; }
    [JsonPropertyName("ca")] public long Ca { get; set; }
    [JsonPropertyName("thal")] public long Thal { get; set; }
}
