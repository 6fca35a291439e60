namespace MlService.TestSupport.Onnx;

/// <summary>MLmodel files as MLflow's <c>mlflow.onnx.save_model</c> writes them (keys of MLflow 2.8 / 3.x).</summary>
public static class MlflowOnnxMlModel
{
    public static string Yaml(string? inputs = null, string? outputs = null, string sessionOptions = "null") =>
        $"""
        artifact_path: model
        flavors:
          onnx:
            code: null
            data: model.onnx
            onnx_session_options: {sessionOptions}
            onnx_version: 1.15.0
            providers:
            - CUDAExecutionProvider
            - CPUExecutionProvider
          python_function:
            data: model.onnx
            env:
              conda: conda.yaml
              virtualenv: python_env.yaml
            loader_module: mlflow.onnx
            python_version: 3.11.5
        mlflow_version: 2.8.1
        model_size_bytes: 298
        model_uuid: dee6c8aa41614ea88cc567b295cb1df1
        utc_time_created: '2023-12-03 11:02:19.020322'
        """ + (inputs is null ? "" : $"""

        signature:
          inputs: '{inputs}'
          outputs: '{outputs ?? "null"}'
          params: null
        """) + "\n";
}
