namespace MlService.TestSupport.Onnx;

/// <summary>The small graphs the ONNX runtime tests run, each with the arithmetic that predicts its output.</summary>
public static class OnnxTestModels
{
    public static readonly float[] IrisCoefficients =
    [
        0.4f, 1.2f, -2.0f, -0.9f,
        0.3f, -0.4f, 0.2f, -0.8f,
        -0.7f, -0.8f, 1.8f, 1.7f,
    ];

    public static readonly float[] IrisIntercepts = [0.5f, 1.5f, -2.0f];

    public static readonly long[] IrisLabels = [10, 20, 30];

    /// <summary>3-class LinearClassifier (softmax) + ZipMap on float_input [-1, 4], as skl2onnx emits for a classifier.</summary>
    public static OnnxModelBuilder Iris() => new OnnxModelBuilder()
        .Opset("ai.onnx.ml", 1)
        .Input("float_input", OnnxElement.Float, -1, 4)
        .Node("LinearClassifier", ["float_input"], ["output_label", "scores"], "ai.onnx.ml",
            OnnxAttribute.Floats("coefficients", IrisCoefficients),
            OnnxAttribute.Floats("intercepts", IrisIntercepts),
            OnnxAttribute.Ints("classlabels_ints", IrisLabels),
            OnnxAttribute.String("post_transform", "SOFTMAX"))
        .Node("ZipMap", ["scores"], ["output_probability"], "ai.onnx.ml", OnnxAttribute.Ints("classlabels_int64s", IrisLabels))
        .Output("output_label", OnnxElement.Int64, -1)
        .MapSequenceOutput("output_probability", OnnxElement.Int64);

    /// <summary>Softmax of the linear scores, computed in double.</summary>
    public static double[] IrisProbabilities(double[] x)
    {
        var scores = new double[3];
        for (var c = 0; c < 3; c++)
        {
            scores[c] = IrisIntercepts[c];
            for (var j = 0; j < 4; j++) scores[c] += IrisCoefficients[c * 4 + j] * x[j];
        }
        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
        return exp.Select(e => e / exp.Sum()).ToArray();
    }

    public static readonly float[] BinaryWeights = [1.5f, -2.0f, 0.5f, 0.25f];
    public const float BinaryBias = -0.3f;

    /// <summary>Binary classifier the way skl2onnx writes logistic regression: scores [-z, z], logistic, string labels.</summary>
    public static OnnxModelBuilder Binary() => new OnnxModelBuilder()
        .Opset("ai.onnx.ml", 1)
        .Input("float_input", OnnxElement.Float, -1, 4)
        .Node("LinearClassifier", ["float_input"], ["output_label", "scores"], "ai.onnx.ml",
            OnnxAttribute.Floats("coefficients", [.. BinaryWeights.Select(w => -w), .. BinaryWeights]),
            OnnxAttribute.Floats("intercepts", -BinaryBias, BinaryBias),
            OnnxAttribute.Strings("classlabels_strings", "no", "yes"),
            OnnxAttribute.String("post_transform", "LOGISTIC"))
        .Node("ZipMap", ["scores"], ["output_probability"], "ai.onnx.ml", OnnxAttribute.Strings("classlabels_strings", "no", "yes"))
        .Output("output_label", OnnxElement.String, -1)
        .MapSequenceOutput("output_probability", OnnxElement.String);

    public static double BinaryProbabilityOfYes(double[] x) =>
        1 / (1 + Math.Exp(-(BinaryBias + x.Select((v, j) => v * BinaryWeights[j]).Sum())));

    /// <summary>
    /// Two trees summed onto a base value of 100, input [-1, 3]:
    /// tree 0: x0 &lt;= 0.5 ? (x2 &lt;= 2 ? 1 : 2) : 10; tree 1: x1 &lt; 1 ? -1 : 3.
    /// </summary>
    public static OnnxModelBuilder Trees() => new OnnxModelBuilder()
        .Opset("ai.onnx.ml", 3)
        .Input("X", OnnxElement.Float, -1, 3)
        .Node("TreeEnsembleRegressor", ["X"], ["variable"], "ai.onnx.ml",
            OnnxAttribute.Ints("nodes_treeids", 0, 0, 0, 0, 0, 1, 1, 1),
            OnnxAttribute.Ints("nodes_nodeids", 0, 1, 2, 3, 4, 0, 1, 2),
            OnnxAttribute.Ints("nodes_featureids", 0, 2, 0, 0, 0, 1, 0, 0),
            OnnxAttribute.Floats("nodes_values", 0.5f, 2f, 0, 0, 0, 1f, 0, 0),
            OnnxAttribute.Strings("nodes_modes", "BRANCH_LEQ", "BRANCH_LEQ", "LEAF", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"),
            OnnxAttribute.Ints("nodes_truenodeids", 1, 3, 0, 0, 0, 1, 0, 0),
            OnnxAttribute.Ints("nodes_falsenodeids", 2, 4, 0, 0, 0, 2, 0, 0),
            OnnxAttribute.Ints("target_treeids", 0, 0, 0, 1, 1),
            OnnxAttribute.Ints("target_nodeids", 2, 3, 4, 1, 2),
            OnnxAttribute.Ints("target_ids", 0, 0, 0, 0, 0),
            OnnxAttribute.Floats("target_weights", 10f, 1f, 2f, -1f, 3f),
            OnnxAttribute.Int("n_targets", 1),
            OnnxAttribute.Floats("base_values", 100f),
            OnnxAttribute.String("aggregate_function", "SUM"))
        .Output("variable", OnnxElement.Float, -1, 1);

    public static float TreesByHand(float x0, float x1, float x2) =>
        100 + (x0 <= 0.5f ? (x2 <= 2f ? 1 : 2) : 10) + (x1 < 1f ? -1 : 3);

    public static readonly string[] Colors = ["blue", "green", "red"];
    public static readonly float[] PipelineCoefficients = [1f, 2f, 3f, 4f];
    public const float PipelineIntercept = 0.5f;

    /// <summary>
    /// sklearn-style pipeline with one input per column: color [-1, 1] string -> OneHotEncoder -> Flatten;
    /// size [-1, 1] float -> Scaler ((x - 2) * 0.5); Concat -> LinearRegressor -> variable [-1, 1].
    /// </summary>
    public static OnnxModelBuilder Pipeline() => new OnnxModelBuilder()
        .Opset("ai.onnx.ml", 1)
        .Input("color", OnnxElement.String, -1, 1)
        .Input("size", OnnxElement.Float, -1, 1)
        .Node("OneHotEncoder", ["color"], ["color_onehot3d"], "ai.onnx.ml", OnnxAttribute.Strings("cats_strings", Colors), OnnxAttribute.Int("zeros", 1))
        .Node("Flatten", ["color_onehot3d"], ["color_onehot"], "", OnnxAttribute.Int("axis", 1))
        .Node("Scaler", ["size"], ["size_scaled"], "ai.onnx.ml", OnnxAttribute.Floats("offset", 2f), OnnxAttribute.Floats("scale", 0.5f))
        .Node("Concat", ["color_onehot", "size_scaled"], ["features"], "", OnnxAttribute.Int("axis", 1))
        .Node("LinearRegressor", ["features"], ["variable"], "ai.onnx.ml",
            OnnxAttribute.Floats("coefficients", PipelineCoefficients), OnnxAttribute.Floats("intercepts", PipelineIntercept))
        .Output("variable", OnnxElement.Float, -1, 1);

    public static double PipelineByHand(string color, double size)
    {
        var index = Array.IndexOf(Colors, color);
        return PipelineIntercept + (index >= 0 ? PipelineCoefficients[index] : 0) + PipelineCoefficients[3] * (size - 2) * 0.5;
    }

    /// <summary>Fixed batch: Y[b, 3] = X[b, 3] + [10, 20, 30], optionally with the constant stored as external data.</summary>
    public static OnnxModelBuilder FixedBatch(string? externalFile = null, long batch = 1) => new OnnxModelBuilder()
        .Input("X", OnnxElement.Float, batch, 3)
        .Initializer("B", [1, 3], [10f, 20f, 30f], externalFile)
        .Node("Add", ["X", "B"], ["Y"])
        .Output("Y", OnnxElement.Float, batch, 3);

    public static readonly float[] CountWeights = [0.5f, -1f, 0.25f, 0.1f, 0.2f, -0.3f];

    /// <summary>counts [-1, 2] int64 -> Cast float -> MatMul W[2, 3] -> Softmax -> probabilities [-1, 3] (a plain tensor, no ZipMap).</summary>
    public static OnnxModelBuilder Counts() => new OnnxModelBuilder()
        .Input("counts", OnnxElement.Int64, -1, 2)
        .Initializer("W", [2, 3], CountWeights)
        .Node("Cast", ["counts"], ["counts_float"], "", OnnxAttribute.Int("to", OnnxElement.Float))
        .Node("MatMul", ["counts_float", "W"], ["logits"])
        .Node("Softmax", ["logits"], ["probabilities"], "", OnnxAttribute.Int("axis", 1))
        .Output("probabilities", OnnxElement.Float, -1, 3);

    public static double[] CountsByHand(long a, long b)
    {
        var logits = Enumerable.Range(0, 3).Select(k => a * CountWeights[k] + b * CountWeights[3 + k]).ToArray();
        var exp = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        return exp.Select(e => e / exp.Sum()).ToArray();
    }

    /// <summary>One input per element type: flag bool, count int32, code int64 [-1], name string; echoes them back.</summary>
    public static OnnxModelBuilder Typed() => new OnnxModelBuilder()
        .Input("flag", OnnxElement.Bool, -1, 1)
        .Input("count", OnnxElement.Int32, -1, 1)
        .Input("code", OnnxElement.Int64, -1)
        .Input("name", OnnxElement.String, -1, 1)
        .Node("Cast", ["flag"], ["flag_float"], "", OnnxAttribute.Int("to", OnnxElement.Float))
        .Node("Cast", ["count"], ["count_float"], "", OnnxAttribute.Int("to", OnnxElement.Float))
        .Node("Concat", ["flag_float", "count_float"], ["numbers"], "", OnnxAttribute.Int("axis", 1))
        .Node("Identity", ["code"], ["code_out"])
        .Node("Identity", ["name"], ["name_out"])
        .Output("numbers", OnnxElement.Float, -1, 2)
        .Output("code_out", OnnxElement.Int64, -1)
        .Output("name_out", OnnxElement.String, -1, 1);

    /// <summary>half [-1, 2] float16 -> Cast float -> widened; and the half values echoed back.</summary>
    public static OnnxModelBuilder Halves() => new OnnxModelBuilder()
        .Input("half", OnnxElement.Float16, -1, 2)
        .Node("Cast", ["half"], ["widened"], "", OnnxAttribute.Int("to", OnnxElement.Float))
        .Node("Identity", ["half"], ["half_out"])
        .Output("widened", OnnxElement.Float, -1, 2)
        .Output("half_out", OnnxElement.Float16, -1, 2);
}
