namespace MlService.LoadTest.Cli;

/// <summary>Which of the service's prediction routes and body shapes the load is sent to.</summary>
public enum WireProtocol
{
    Native,
    Mlflow,
    V2,
}
