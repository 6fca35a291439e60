using System.Text.Json.Nodes;

namespace MlService.LoadTest.Tests.Payloads;

public class RowGeneratorTests
{
    [Fact]
    public void TheSameSeedGivesTheSameRows()
    {
        var first = new RowGenerator(SignatureFixtures.AllTypes, null, seed: 7).Generate(50);
        var second = new RowGenerator(SignatureFixtures.AllTypes, null, seed: 7).Generate(50);

        Assert.Equal(first.Rows.Count, second.Rows.Count);
        for (var r = 0; r < first.Rows.Count; r++) Assert.Equal(first.Rows[r], second.Rows[r]);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentRows()
    {
        var first = new RowGenerator(SignatureFixtures.AllTypes, null, seed: 7).Generate(20);
        var other = new RowGenerator(SignatureFixtures.AllTypes, null, seed: 8).Generate(20);

        Assert.Contains(Enumerable.Range(0, 20), r => !first.Rows[r].SequenceEqual(other.Rows[r]));
    }

    [Fact]
    public void EveryValueHasTheClrTypeOfItsColumn()
    {
        var rows = new RowGenerator(SignatureFixtures.AllTypes, null, seed: 1).Generate(200);

        Assert.All(rows.Rows, row =>
        {
            Assert.IsType<bool>(row[0]);
            Assert.IsType<int>(row[1]);
            Assert.IsType<long>(row[2]);
            Assert.IsType<float>(row[3]);
            Assert.IsType<double>(row[4]);
            Assert.False(string.IsNullOrEmpty(Assert.IsType<string>(row[5])));
        });
        Assert.Contains(rows.Rows, r => (bool)r[0]!);
        Assert.Contains(rows.Rows, r => !(bool)r[0]!);
    }

    [Fact]
    public void NumbersStayWithinTheInputExampleWidenedByHalf()
    {
        var example = JsonNode.Parse("""[{"count":10,"id":1000,"ratio":0.5,"amount":-4.0,"city":"Oslo"},{"count":20,"id":2000,"ratio":1.0,"amount":-2.0,"city":"Lima"}]""")!.AsArray();

        var rows = new RowGenerator(SignatureFixtures.AllTypes, example, seed: 3).Generate(500);

        Assert.All(rows.Rows, row =>
        {
            Assert.InRange((int)row[1]!, 5, 30);
            Assert.InRange((long)row[2]!, 500, 3000);
            Assert.InRange((float)row[3]!, 0.25f, 1.5f);
            Assert.InRange((double)row[4]!, -6.0, -1.0);
            Assert.Contains((string)row[5]!, new[] { "Oslo", "Lima" });
        });
        // The range is used, not one point of it.
        Assert.True(rows.Rows.Select(r => (int)r[1]!).Distinct().Count() > 10);
    }

    [Fact]
    public void TensorSignaturesAskForARowsFile()
    {
        var tensor = new[] { new MlService.Core.Signatures.FieldSpec("x", MlService.Core.Signatures.DataKind.Float32, true, [-1, 4]) };

        var error = Assert.Throws<InvalidOperationException>(() => new RowGenerator(tensor, null, 1));
        Assert.Contains("--rows-file", error.Message);
    }
}
