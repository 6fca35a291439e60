using MlService.Core.Csv;

namespace MlService.Core.Tests.Csv;

/// <summary>The rule table of the one CSV reader the server (text/csv), the trainer and the load tool share.</summary>
public sealed class CsvRecordsTests
{
    /// <summary>Input text, then the expected records: cells joined by '|', records by ' / '.</summary>
    public static TheoryData<string, string, string> Rules => new()
    {
        { "LF line ends", "a,b\n1,2\n", "a|b / 1|2" },
        { "CRLF line ends", "a,b\r\n1,2\r\n", "a|b / 1|2" },
        { "no final line break", "a,b\n1,2", "a|b / 1|2" },
        { "UTF-8 BOM skipped", "\uFEFFa,b\n1,2\n", "a|b / 1|2" },
        { "blank lines skipped", "a,b\n\n1,2\r\n\r\n3,4\n", "a|b / 1|2 / 3|4" },
        { "quoted comma", "a\n\"x, y\"\n", "a / x, y" },
        { "doubled quote", "a\n\"say \"\"hi\"\"\"\n", "a / say \"hi\"" },
        { "quoted LF", "a,b\n\"two\nlines\",2\n", "a|b / two\nlines|2" },
        { "quoted CRLF kept", "a\n\"two\r\nlines\"\n", "a / two\r\nlines" },
        { "cells not trimmed", "a,b\n 1 ,  x\n", "a|b /  1 |  x" },
        { "empty cells", "a,b,c\n,,\n", "a|b|c / ||" },
        { "quoted empty cell", "a\n\"\"\n", "a / " },
        { "quote inside an unquoted cell is text", "a\nx\"y\n", "a / x\"y" },
        { "missing-value words are text", "a,b\nNA,?\n", "a|b / NA|?" },
        { "only a header", "a,b", "a|b" },
        { "nothing", "", "" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void ReadsRecordsByTheRuleTable(string rule, string text, string expected)
    {
        var records = CsvRecords.Parse(text);

        Assert.True(expected == string.Join(" / ", records.Select(r => string.Join('|', r.Cells))), rule);
    }

    [Fact]
    public void RecordsCarryTheLineTheyStartOn()
    {
        var records = CsvRecords.Parse("a\n\n\"x\ny\"\nz\n");

        Assert.Equal([1, 3, 5], records.Select(r => r.Line));
    }

    [Fact]
    public void AnUnclosedQuoteIsAnErrorNamingItsLine()
    {
        var error = Assert.Throws<FormatException>(() => CsvRecords.Parse("a,b\n1,2\n\"3,4\n"));

        Assert.Equal("line 3: a quoted field is not closed", error.Message);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData(" ", false)]
    [InlineData("NA", false)]
    [InlineData("0", false)]
    public void OnlyAnEmptyCellIsMissing(string? cell, bool missing) => Assert.Equal(missing, CsvRecords.IsMissing(cell));
}
