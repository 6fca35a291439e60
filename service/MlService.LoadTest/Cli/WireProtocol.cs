namespace MlService.LoadTest.Cli;

/// <summary>Which of the service's prediction routes and body shapes the load is sent to.</summary>
public enum WireProtocol
{
    Native,
    Mlflow,
    V2,

    /// <summary>Open Inference Protocol over gRPC (h2c), tensors in raw_input_contents.</summary>
    Grpc,

    /// <summary>Open Inference Protocol over gRPC (h2c), tensors in typed contents.</summary>
    GrpcTyped,
}
