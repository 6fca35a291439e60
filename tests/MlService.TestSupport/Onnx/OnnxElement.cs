namespace MlService.TestSupport.Onnx;

/// <summary>TensorProto.DataType numbers from onnx.proto.</summary>
public static class OnnxElement
{
    public const int Float = 1, UInt8 = 2, Int8 = 3, Int32 = 6, Int64 = 7, String = 8, Bool = 9, Float16 = 10, Double = 11;
}
