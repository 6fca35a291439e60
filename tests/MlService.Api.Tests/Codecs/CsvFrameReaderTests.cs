namespace MlService.Api.Tests.Codecs;

public sealed class CsvFrameReaderTests
{
    private static Core.Frames.Frame Read(string csv) =>
        CsvFrameReader.Read(Encoding.UTF8.GetBytes(csv), CodecFields.Columns, ValidationOptions.Default, 100);

    [Fact]
    public void ACsvBodyWithBomCrlfQuotesAndAnEmptyCellGivesTheFrame()
    {
        var frame = Read("\uFEFFcity,age,chol,smoker\r\n\"Oslo, \"\"NO\"\"\",63,233.5,1\r\n,41,180,false");

        Assert.Equal([63L, 41L], frame["age"].As<long>());
        Assert.Equal([233.5, 180.0], frame["chol"].As<double>());
        Assert.Equal([true, false], frame["smoker"].As<bool>());
        Assert.Equal(new string?[] { "Oslo, \"NO\"", null }, frame["city"].As<string?>());
    }

    [Theory]
    [InlineData("age,chol,smoker\n63,1,true\nold,2,false\n", "[1].age", "must be an integer")]
    [InlineData("age,chol,smoker\n63,,true\n", "[0].chol", "is required but the value is empty")]
    [InlineData("age,chol,smoker\n63,1\n", "[0]", "has 2 cells; the header has 3")]
    public void ABadCellIsAnErrorNamingTheField(string csv, string field, string message)
    {
        var error = Assert.Throws<InputValidationException>(() => Read(csv));

        Assert.Contains(message, Assert.Single(error.FieldErrors[field]));
    }

    [Fact]
    public void AnUnclosedQuoteIsMalformedAndNamesTheLine()
    {
        var error = Assert.Throws<MalformedRequestException>(() => Read("age,chol,smoker\n\"63,1,true\n"));

        Assert.Contains("line 2: a quoted field is not closed", error.Message);
    }
}
