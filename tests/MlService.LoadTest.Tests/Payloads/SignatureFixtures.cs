namespace MlService.LoadTest.Tests.Payloads;

/// <summary>Signatures and model descriptions the load-tool tests share.</summary>
public static class SignatureFixtures
{
    /// <summary>One column of each MLflow column type the generator supports.</summary>
    public static readonly IReadOnlyList<FieldSpec> AllTypes =
    [
        new("flag", DataKind.Boolean),
        new("count", DataKind.Int32),
        new("id", DataKind.Int64),
        new("ratio", DataKind.Float32),
        new("amount", DataKind.Float64),
        new("city", DataKind.String),
    ];

    /// <summary>What <c>GET /models/m</c> answers in the end-to-end tests.</summary>
    public const string ModelDescription = """
        {"name":"m","version":"3","flavor":"mlnet","status":"ready","uri":"models:/m/3",
         "signature":{"inputs":[{"name":"age","type":"long","required":true},{"name":"chol","type":"double","required":true},
                                {"name":"smoker","type":"boolean","required":true},{"name":"city","type":"string","required":false}],
                      "outputs":[{"name":"Score","type":"float","required":true}]},
         "input_example":[{"age":60,"chol":200.0,"smoker":true,"city":"Oslo"},{"age":40,"chol":180.5,"smoker":false,"city":"Lima"}],
         "metrics":{},"loaded_at":"2026-11-26T09:00:00Z","last_error":null}
        """;

    /// <summary>What <c>GET /v2/models/v2only</c> answers (Open Inference Protocol model metadata).</summary>
    public const string V2Metadata = """
        {"name":"v2only","versions":["1"],"platform":"mlservice","inputs":[{"name":"age","datatype":"INT64","shape":[-1,1]},{"name":"score","datatype":"FP32","shape":[-1]}],"outputs":[]}
        """;
}
