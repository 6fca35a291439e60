namespace MlService.Trainer.Tests.Data;

public sealed class CsvReaderTests
{
    [Fact]
    public void ReadFileSkipsAUtf8ByteOrderMarkAndHandlesCrlf()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("bom.csv");
        File.WriteAllText(path, "age,target\r\n63,1\r\n41,0\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

        var table = CsvReader.ReadFile(path);

        Assert.Equal(["age", "target"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(new string?[] { "63", "1" }, table.Rows[0]);
        Assert.Equal(new string?[] { "41", "0" }, table.Rows[1]);
    }

    [Fact]
    public void QuotedFieldsKeepCommasQuotesAndLineBreaks()
    {
        var table = CsvReader.Parse("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"multi\r\nline\",  plain  \n");

        Assert.Equal("Smith, J", table.Rows[0][0]);
        Assert.Equal("said \"hi\"", table.Rows[0][1]);
        Assert.Equal("multi\r\nline", table.Rows[1][0]);
        Assert.Equal("  plain  ", table.Rows[1][1]);
    }

    [Fact]
    public void EmptyCellsAndDatasetMissingMarkersBecomeNull()
    {
        var table = CsvReader.Parse("a,b,c,d,e\n,?,NA,\"\",x\n");

        Assert.Equal(new string?[] { null, null, null, null, "x" }, table.Rows[0]);
    }

    [Fact]
    public void BlankLinesAndAMissingFinalLineBreakAreTolerated()
    {
        var table = CsvReader.Parse("a,b\n1,2\n\n3,4");

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(new string?[] { "3", "4" }, table.Rows[1]);
    }

    [Fact]
    public void ARowWithTheWrongNumberOfFieldsIsRejectedWithItsLineNumber()
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvReader.Parse("a,b\n1,2\n3\n"));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("1 fields", error.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a,a\n1,2\n", "twice")]
    [InlineData("a,b\n\"1,2\n", "not closed")]
    public void MalformedFilesAreRejectedWithTheReason(string csv, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvReader.Parse(csv));

        Assert.Contains(reason, error.Message);
    }
}
