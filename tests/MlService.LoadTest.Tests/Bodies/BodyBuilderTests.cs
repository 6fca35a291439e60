using System.Text;
using MlService.LoadTest.Bodies;

namespace MlService.LoadTest.Tests.Bodies;

public class BodyBuilderTests
{
    private static readonly IReadOnlyList<FieldSpec> Columns =
    [
        new("age", DataKind.Int64), new("chol", DataKind.Float64), new("smoker", DataKind.Boolean), new("city", DataKind.String),
    ];

    private static readonly object?[] RowA = [63L, 233.5, true, "Oslo"];
    private static readonly object?[] RowB = [41L, 180.0, false, "Lima"];

    [Fact]
    public void NativeSendsOneRowAsAnObject()
    {
        var body = Build(new NativeBodyBuilder(), RowA);

        Assert.Equal("""{"age":63,"chol":233.5,"smoker":true,"city":"Oslo"}""", body);
    }

    [Fact]
    public void NativeSendsABatchAsAnArrayOfObjects()
    {
        var body = Build(new NativeBodyBuilder(), RowA, RowB);

        Assert.Equal("""[{"age":63,"chol":233.5,"smoker":true,"city":"Oslo"},{"age":41,"chol":180,"smoker":false,"city":"Lima"}]""", body);
    }

    [Fact]
    public void MlflowSendsTheDataframeSplitOrient()
    {
        var body = Build(new MlflowBodyBuilder(), RowA, RowB);

        Assert.Equal("""{"dataframe_split":{"columns":["age","chol","smoker","city"],"data":[[63,233.5,true,"Oslo"],[41,180,false,"Lima"]]}}""", body);
    }

    [Fact]
    public void V2SendsOneTypedInputPerColumn()
    {
        var body = Build(new V2BodyBuilder(), RowA, RowB);

        Assert.Equal(
            """{"inputs":[{"name":"age","shape":[2,1],"datatype":"INT64","data":[63,41]},{"name":"chol","shape":[2,1],"datatype":"FP64","data":[233.5,180]},{"name":"smoker","shape":[2,1],"datatype":"BOOL","data":[true,false]},{"name":"city","shape":[2,1],"datatype":"BYTES","data":["Oslo","Lima"]}]}""",
            body);
    }

    [Theory]
    [InlineData(WireProtocol.Native, "models/heart-disease/predict")]
    [InlineData(WireProtocol.Mlflow, "invocations")]
    [InlineData(WireProtocol.V2, "v2/models/heart-disease/infer")]
    public void EachProtocolPostsToItsRoute(WireProtocol protocol, string path)
    {
        Assert.Equal(path, BodyBuilders.For(protocol).RelativePath("heart-disease"));
    }

    [Fact]
    public void APoolCyclesThroughTheRowsInBatches()
    {
        var rows = new MlService.LoadTest.Payloads.RowSet(Columns, [RowA, RowB]);

        var pool = BodyPool.Build(rows, new MlflowBodyBuilder(), batchSize: 3, poolSize: 2);

        Assert.Equal(2, pool.Count);
        var first = pool.Next();
        var second = pool.Next();
        Assert.Equal(3, first.Rows);
        Assert.Contains("[[63,233.5,true,\"Oslo\"],[41,180,false,\"Lima\"],[63,", Encoding.UTF8.GetString(first.Bytes));
        Assert.Contains("[[41,180,false,\"Lima\"],[63,", Encoding.UTF8.GetString(second.Bytes));
        Assert.Same(first, pool.Next());
    }

    private static string Build(IBodyBuilder builder, params object?[][] rows) => Encoding.UTF8.GetString(builder.Build(Columns, rows));
}
