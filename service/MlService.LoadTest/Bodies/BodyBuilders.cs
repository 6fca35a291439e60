namespace MlService.LoadTest.Bodies;

/// <summary>The body builder of each wire protocol.</summary>
public static class BodyBuilders
{
    public static IBodyBuilder For(WireProtocol protocol, string model = "") => protocol switch
    {
        WireProtocol.Native => new NativeBodyBuilder(),
        WireProtocol.Mlflow => new MlflowBodyBuilder(),
        WireProtocol.V2 => new V2BodyBuilder(),
        WireProtocol.Grpc => new GrpcBodyBuilder(raw: true, model),
        WireProtocol.GrpcTyped => new GrpcBodyBuilder(raw: false, model),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };
}
