namespace MlService.Trainer.Tests.Data;

public sealed class HeartDiseaseDataGeneratorTests
{
    [Fact]
    public void TheSameSeedWritesByteIdenticalFiles()
    {
        using var temp = new TempDirectory();
        HeartDiseaseDataGenerator.Write(temp.Combine("a.csv"), 303, 42);
        HeartDiseaseDataGenerator.Write(temp.Combine("b.csv"), 303, 42);
        HeartDiseaseDataGenerator.Write(temp.Combine("c.csv"), 303, 43);

        var a = File.ReadAllBytes(temp.Combine("a.csv"));
        Assert.Equal(a, File.ReadAllBytes(temp.Combine("b.csv")));
        Assert.NotEqual(a, File.ReadAllBytes(temp.Combine("c.csv")));
        Assert.NotEqual(0xEF, a[0]);
    }

    [Fact]
    public void EveryColumnStaysInTheUciClevelandRanges()
    {
        var table = CsvReader.Parse(HeartDiseaseDataGenerator.Generate(2000, 3));

        Assert.Equal(HeartDiseaseDataGenerator.Columns, table.Header);
        Assert.Equal(2000, table.Rows.Count);
        AssertIntegers(table, "age", 29, 77);
        AssertIntegers(table, "sex", 0, 1);
        AssertIntegers(table, "cp", 1, 4);
        AssertIntegers(table, "trestbps", 94, 200);
        AssertIntegers(table, "chol", 126, 564);
        AssertIntegers(table, "fbs", 0, 1);
        AssertIntegers(table, "restecg", 0, 2);
        AssertIntegers(table, "thalach", 71, 202);
        AssertIntegers(table, "exang", 0, 1);
        AssertIntegers(table, "slope", 1, 3);
        AssertIntegers(table, "ca", 0, 3);
        AssertIntegers(table, "target", 0, 1);
        Assert.All(table.Column(table.IndexOf("thal")), v => Assert.Contains(v, new[] { "3", "6", "7" }));
        Assert.All(table.Column(table.IndexOf("oldpeak")), v =>
        {
            Assert.Matches(@"^\d\.\d$", v);
            Assert.InRange(double.Parse(v!, CultureInfo.InvariantCulture), 0, 6.2);
        });
        var positives = table.Column(table.IndexOf("target")).Count(v => v == "1");
        Assert.InRange(positives / 2000.0, 0.35, 0.6);
    }

    private static void AssertIntegers(CsvTable table, string column, int min, int max)
    {
        var values = table.Column(table.IndexOf(column)).Select(v => int.Parse(v!, CultureInfo.InvariantCulture)).ToList();
        Assert.All(values, v => Assert.InRange(v, min, max));
        Assert.True(values.Distinct().Count() > 1, $"{column} never varies");
    }
}
