namespace MlService.Api.Codecs.Mlflow;

/// <summary>
/// Writes <c>{"predictions": ...}</c> shaped as MLflow shapes it (reference §1.4). What decides the shape in MLflow is the
/// signature, not the request key: with a column signature pyfunc's schema enforcement turns every input format into a
/// DataFrame, so a column-based model answers like a DataFrame model — a list of row objects when it has several outputs
/// (pandas records, e.g. ONNX <c>[{"label": 1, "probabilities": ...}]</c>), or a plain list of values with one output
/// (sklearn's <c>[1, 0, 2]</c>). With a tensor signature the data stays arrays and MLflow's ONNX flavor returns
/// <c>{output_name: array}</c>, so a tensor-based model answers <c>{"output": [[0.1, 0.9]]}</c> for any request key.
/// </summary>
public static class MlflowPredictionsWriter
{
    public static void Write(Utf8JsonWriter writer, Frame output, ModelSignature signature)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("predictions");
        if (signature.IsTensorBased)
        {
            writer.WriteStartObject();
            foreach (var column in output.Columns)
            {
                writer.WritePropertyName(column.Name);
                PredictionListWriter.WriteColumn(writer, column);
            }
            writer.WriteEndObject();
        }
        else
        {
            PredictionListWriter.Write(writer, output);
        }
        writer.WriteEndObject();
    }
}
