using System.Text;
using MlService.Core.Validation;

namespace MlService.Core.Tests.Validation;

/// <summary>The coercion rules table: what each JSON value becomes for each column type, or why it is refused.</summary>
public sealed class ColumnCoercionTests
{
    private static object? Coerce(DataKind kind, string jsonValue, bool required = true)
    {
        var fields = new[] { new FieldSpec("x", kind, required) };
        var (frame, _) = JsonRowsReader.Read(Encoding.UTF8.GetBytes($"{{\"x\": {jsonValue}}}"), fields, ValidationOptions.Default, 10);
        return frame["x"].GetBoxed(0);
    }

    private static string Refusal(DataKind kind, string jsonValue, bool required = true)
    {
        var error = Assert.Throws<InputValidationException>(() => Coerce(kind, jsonValue, required));
        return error.FieldErrors["x"].Single();
    }

    public static TheoryData<DataKind, string, object?> Accepted => new()
    {
        { DataKind.Int64, "42", 42L },
        { DataKind.Int64, "42.0", 42L },
        { DataKind.Int64, "\"42\"", 42L },
        { DataKind.Int64, "-9000000000", -9000000000L },
        { DataKind.Int32, "2147483647", 2147483647 },
        { DataKind.Float64, "2.5", 2.5 },
        { DataKind.Float64, "3", 3.0 },
        { DataKind.Float64, "\"2.5\"", 2.5 },
        { DataKind.Float64, "1e-3", 0.001 },
        { DataKind.Float32, "0.25", 0.25f },
        { DataKind.Boolean, "true", true },
        { DataKind.Boolean, "\"false\"", false },
        { DataKind.Boolean, "1", true },
        { DataKind.Boolean, "0", false },
        { DataKind.String, "\"red\"", "red" },
        { DataKind.String, "7", "7" },
        { DataKind.String, "true", "true" },
        { DataKind.String, "\"caf\\u00e9\"", "café" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void AcceptedValuesAreConverted(DataKind kind, string json, object? expected)
    {
        Assert.Equal(expected, Coerce(kind, json));
    }

    public static TheoryData<DataKind, string, string> Refused => new()
    {
        { DataKind.Int64, "\"sixty\"", "must be an integer (int64)" },
        { DataKind.Int64, "1.5", "must be an integer (int64)" },
        { DataKind.Int64, "true", "got a boolean" },
        { DataKind.Int64, "99999999999999999999", "out of range for an integer (int64)" },
        { DataKind.Int64, "1e300", "out of range" },
        { DataKind.Int32, "2147483648", "out of range for an integer (int32)" },
        { DataKind.Float64, "\"abc\"", "must be a number" },
        { DataKind.Float64, "\"NaN\"", "must be a finite number" },
        { DataKind.Float64, "\"Infinity\"", "must be a finite number" },
        { DataKind.Float64, "1e400", "out of range for a float64" },
        { DataKind.Float32, "1e39", "out of range for a float32" },
        { DataKind.Float64, "null", "may not be null" },
        { DataKind.Float64, "[1]", "got an array" },
        { DataKind.Float64, "{\"a\": 1}", "got an object" },
        { DataKind.Boolean, "\"maybe\"", "must be a boolean" },
        { DataKind.Boolean, "2", "must be a boolean" },
        { DataKind.String, "{}", "got an object" },
        { DataKind.Binary, "\"not base64!\"", "base64" },
        { DataKind.DateTime, "\"yesterday\"", "ISO-8601" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusedValuesNameTheProblem(DataKind kind, string json, string message)
    {
        Assert.Contains(message, Refusal(kind, json));
    }

    [Fact]
    public void NullForAnOptionalFloatIsAMissingValue()
    {
        Assert.True(double.IsNaN((double)Coerce(DataKind.Float64, "null", required: false)!));
    }

    [Fact]
    public void RefusalsDoNotEchoTheValueUnlessAskedTo()
    {
        var fields = new[] { new FieldSpec("x", DataKind.Float64) };
        var body = Encoding.UTF8.GetBytes("""{"x": "patient-secret"}""");

        var quiet = Assert.Throws<InputValidationException>(() => JsonRowsReader.Read(body, fields, ValidationOptions.Default, 1));
        var echo = Assert.Throws<InputValidationException>(() => JsonRowsReader.Read(body, fields, ValidationOptions.Default with { EchoValues = true }, 1));

        Assert.DoesNotContain("patient-secret", quiet.FieldErrors["x"].Single());
        Assert.Contains("patient-secret", echo.FieldErrors["x"].Single());
    }

    [Fact]
    public void StringsLongerThanTheLimitAreRefused()
    {
        var fields = new[] { new FieldSpec("x", DataKind.String) };
        var body = Encoding.UTF8.GetBytes($"{{\"x\": \"{new string('a', 101)}\"}}");

        var error = Assert.Throws<InputValidationException>(() => JsonRowsReader.Read(body, fields, ValidationOptions.Default with { MaxStringLength = 100 }, 1));

        Assert.Contains("longer than 100", error.FieldErrors["x"].Single());
    }
}
