namespace MlService.LoadTest.Tests.Payloads;

public class RowsFileReaderTests
{
    private static readonly IReadOnlyList<FieldSpec> Signature =
    [
        new("age", DataKind.Int64), new("chol", DataKind.Float64), new("smoker", DataKind.Boolean), new("city", DataKind.String),
    ];

    [Fact]
    public void CsvValuesTakeTheSignatureTypesInSignatureOrder()
    {
        var rows = RowsFileReader.ReadCsv("city,age,chol,smoker\r\n\"Oslo, NO\",63,233.5,1\nLima,41,180,false\n", Signature);

        Assert.Equal(["city", "age", "chol", "smoker"], rows.Columns.Select(c => c.Name));
        Assert.Equal(DataKind.Int64, rows.Columns[1].Kind);
        Assert.Equal(new object?[] { "Oslo, NO", 63L, 233.5, true }, rows.Rows[0]);
        Assert.Equal(new object?[] { "Lima", 41L, 180.0, false }, rows.Rows[1]);
    }

    [Fact]
    public void JsonRowsFollowTheSignatureAndConvertValues()
    {
        var rows = RowsFileReader.ReadJson("""[{"smoker":true,"age":63,"chol":233,"city":"Oslo"}]""", Signature);

        Assert.Equal(["age", "chol", "smoker", "city"], rows.Columns.Select(c => c.Name));
        Assert.Equal(new object?[] { 63L, 233.0, true, "Oslo" }, rows.Rows[0]);
    }

    [Fact]
    public void WithoutASignatureTypesAreInferredFromTheFile()
    {
        var rows = RowsFileReader.ReadCsv("a,b,c,d\n1,2.5,true,x\n", []);

        Assert.Equal([DataKind.Int64, DataKind.Float64, DataKind.Boolean, DataKind.String], rows.Columns.Select(c => c.Kind));
    }

    [Fact]
    public void AValueThatDoesNotFitItsColumnIsReported()
    {
        var error = Assert.Throws<FormatException>(() => RowsFileReader.ReadCsv("age\nold\n", Signature));

        Assert.Contains("long", error.Message);
    }
}
