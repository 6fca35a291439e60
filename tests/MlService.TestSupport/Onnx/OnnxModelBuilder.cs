namespace MlService.TestSupport.Onnx;

/// <summary>
/// Builds a small ONNX model file for a test: graph inputs/outputs, nodes and float initializers, serialized
/// with the field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto,
/// TensorProto, OperatorSetIdProto). A dimension of -1 is written as the symbolic dimension "N".
/// </summary>
public sealed class OnnxModelBuilder
{
    private readonly ProtoMessage _graph = new ProtoMessage().Text(GraphName, "test_graph");
    private readonly List<(string Domain, long Version)> _opsets = [("", 13)];
    private readonly List<(string Location, byte[] Bytes)> _external = [];

    // GraphProto
    private const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;

    public OnnxModelBuilder Opset(string domain, long version)
    {
        _opsets.RemoveAll(o => o.Domain == domain);
        _opsets.Add((domain, version));
        return this;
    }

    public OnnxModelBuilder Input(string name, int elementType, params long[] dims)
    {
        _graph.Message(GraphInput, ValueInfo(name, TensorType(elementType, dims)));
        return this;
    }

    public OnnxModelBuilder Output(string name, int elementType, params long[] dims)
    {
        _graph.Message(GraphOutput, ValueInfo(name, TensorType(elementType, dims)));
        return this;
    }

    /// <summary>A ZipMap-style output: sequence of map(key -> float).</summary>
    public OnnxModelBuilder MapSequenceOutput(string name, int keyType, int valueType = OnnxElement.Float)
    {
        // TypeProto.map_type = 5 {key_type = 1, value_type = 2}; sequence_type = 4 {elem_type = 1}
        var map = new ProtoMessage().Varint(1, keyType).Message(2, TensorType(valueType, null));
        var sequence = new ProtoMessage().Message(1, new ProtoMessage().Message(5, map));
        _graph.Message(GraphOutput, ValueInfo(name, new ProtoMessage().Message(4, sequence)));
        return this;
    }

    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, string domain = "", params ProtoMessage[] attributes)
    {
        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7
        var node = new ProtoMessage();
        foreach (var input in inputs) node.Text(1, input);
        foreach (var output in outputs) node.Text(2, output);
        node.Text(3, $"{opType}_{outputs[0]}").Text(4, opType);
        foreach (var attribute in attributes) node.Message(5, attribute);
        if (domain.Length > 0) node.Text(7, domain);
        _graph.Message(GraphNode, node);
        return this;
    }

    /// <summary>A float initializer stored in the model (raw_data) or, with <paramref name="externalFile"/>, in a file next to it.</summary>
    public OnnxModelBuilder Initializer(string name, long[] dims, float[] values, string? externalFile = null)
    {
        // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9, external_data = 13, data_location = 14
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        var tensor = new ProtoMessage();
        foreach (var d in dims) tensor.Varint(1, d);
        tensor.Varint(2, OnnxElement.Float).Text(8, name);
        if (externalFile is null) tensor.Bytes(9, bytes);
        else
        {
            tensor.Message(13, Entry("location", externalFile))
                .Message(13, Entry("offset", "0"))
                .Message(13, Entry("length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Varint(14, 1);
            _external.Add((externalFile, bytes));
        }
        _graph.Message(GraphInitializer, tensor);
        return this;
    }

    public byte[] ToBytes()
    {
        // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 {domain = 1, version = 2}
        var model = new ProtoMessage().Varint(1, 8).Text(2, "mlservice-tests").Message(7, _graph);
        foreach (var (domain, version) in _opsets) model.Message(8, new ProtoMessage().Text(1, domain).Varint(2, version));
        return model.ToArray();
    }

    /// <summary>Writes the model (and any external data files beside it) and returns the model path.</summary>
    public string Save(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        foreach (var (location, bytes) in _external) File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, location), bytes);
        return path;
    }

    private static ProtoMessage ValueInfo(string name, ProtoMessage type) => new ProtoMessage().Text(1, name).Message(2, type);

    /// <summary>TypeProto.tensor_type = 1 {elem_type = 1, shape = 2 {dim = 1 {dim_value = 1 | dim_param = 2}}}.</summary>
    private static ProtoMessage TensorType(int elementType, long[]? dims)
    {
        var tensor = new ProtoMessage().Varint(1, elementType);
        if (dims is not null)
        {
            var shape = new ProtoMessage();
            foreach (var d in dims) shape.Message(1, d < 0 ? new ProtoMessage().Text(2, "N") : new ProtoMessage().Varint(1, d));
            tensor.Message(2, shape);
        }
        return new ProtoMessage().Message(1, tensor);
    }

    private static ProtoMessage Entry(string key, string value) => new ProtoMessage().Text(1, key).Text(2, value);
}
