namespace MlService.TestSupport.Onnx;

/// <summary>ONNX AttributeProto values (onnx.proto: name=1, f=2, i=3, s=4, floats=7, ints=8, strings=9, type=20).</summary>
public static class OnnxAttribute
{
    private const int Name = 1, F = 2, I = 3, S = 4, Floats_ = 7, Ints_ = 8, Strings_ = 9, Type = 20;
    private const int TypeFloat = 1, TypeInt = 2, TypeString = 3, TypeFloats = 6, TypeInts = 7, TypeStrings = 8;

    public static ProtoMessage Float(string name, float value) => new ProtoMessage().Text(Name, name).Varint(Type, TypeFloat).Float(F, value);

    public static ProtoMessage Int(string name, long value) => new ProtoMessage().Text(Name, name).Varint(Type, TypeInt).Varint(I, value);

    public static ProtoMessage String(string name, string value) =>
        new ProtoMessage().Text(Name, name).Varint(Type, TypeString).Bytes(S, System.Text.Encoding.UTF8.GetBytes(value));

    public static ProtoMessage Floats(string name, params float[] values)
    {
        var attribute = new ProtoMessage().Text(Name, name).Varint(Type, TypeFloats);
        foreach (var value in values) attribute.Float(Floats_, value);
        return attribute;
    }

    public static ProtoMessage Ints(string name, params long[] values)
    {
        var attribute = new ProtoMessage().Text(Name, name).Varint(Type, TypeInts);
        foreach (var value in values) attribute.Varint(Ints_, value);
        return attribute;
    }

    public static ProtoMessage Strings(string name, params string[] values)
    {
        var attribute = new ProtoMessage().Text(Name, name).Varint(Type, TypeStrings);
        foreach (var value in values) attribute.Bytes(Strings_, System.Text.Encoding.UTF8.GetBytes(value));
        return attribute;
    }
}
