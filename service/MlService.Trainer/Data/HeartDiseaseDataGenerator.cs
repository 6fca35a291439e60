using System.Text;

namespace MlService.Trainer.Data;

/// <summary>
/// A deterministic synthetic heart-disease table with the 13 UCI Cleveland columns and a binary target.
/// Features are drawn from distributions close to the real data; the target follows a known ground truth:
/// <code>
/// z = -5.4 + 0.08*(age-54) + 1.5*sex + 2.0*[cp=4] - 0.05*(thalach-150) + 1.4*exang
///     + 1.0*oldpeak + 1.3*ca + 2.0*[thal=7] + 1.0*[thal=6]
/// target = 1 with probability 1/(1+e^-z), drawn from the same seeded generator
/// </code>
/// The same seed always yields the same bytes (System.Random with a seed is a fixed algorithm).
/// </summary>
public static class HeartDiseaseDataGenerator
{
    public const string GroundTruth =
        "z = -5.4 + 0.08*(age-54) + 1.5*sex + 2.0*[cp=4] - 0.05*(thalach-150) + 1.4*exang + 1.0*oldpeak " +
        "+ 1.3*ca + 2.0*[thal=7] + 1.0*[thal=6]; target = 1 with probability 1/(1+exp(-z))";

    public static readonly string[] Columns =
        ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal", "target"];

    /// <summary>Writes <paramref name="rows"/> rows to <paramref name="path"/> (UTF-8, no BOM, LF line ends).</summary>
    public static void Write(string path, int rows = 303, int seed = 42)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, Generate(rows, seed), new UTF8Encoding(false));
    }

    public static string Generate(int rows = 303, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var random = new Random(seed);
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append('\n');
        for (var i = 0; i < rows; i++) text.Append(string.Join(',', Row(random).Select(Format))).Append('\n');
        return text.ToString();
    }

    private static IEnumerable<object> Row(Random random)
    {
        var age = Clamp(Normal(random, 54, 9), 29, 77);
        var sex = Bernoulli(random, 0.68);
        var cp = Pick(random, [1, 2, 3, 4], [0.08, 0.16, 0.28, 0.48]);
        var trestbps = Clamp(Normal(random, 131, 17), 94, 200);
        var chol = Clamp(Normal(random, 246, 51), 126, 564);
        var fbs = Bernoulli(random, 0.15);
        var restecg = Pick(random, [0, 1, 2], [0.50, 0.02, 0.48]);
        var thalach = Clamp(Normal(random, 150 - 0.8 * (age - 54), 21), 71, 202);
        var exang = Bernoulli(random, 0.33);
        var oldpeak = Math.Round(Math.Clamp(Normal(random, 1.0, 1.1), 0, 6.2), 1, MidpointRounding.AwayFromZero);
        var slope = Pick(random, [1, 2, 3], [0.47, 0.46, 0.07]);
        var ca = Pick(random, [0, 1, 2, 3], [0.59, 0.22, 0.13, 0.06]);
        var thal = Pick(random, [3, 6, 7], [0.55, 0.06, 0.39]);

        var z = -5.4 + 0.08 * (age - 54) + 1.5 * sex + 2.0 * (cp == 4 ? 1 : 0) - 0.05 * (thalach - 150) + 1.4 * exang
            + 1.0 * oldpeak + 1.3 * ca + 2.0 * (thal == 7 ? 1 : 0) + 1.0 * (thal == 6 ? 1 : 0);
        var target = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        return [age, sex, cp, trestbps, chol, fbs, restecg, thalach, exang, oldpeak, slope, ca, thal, target];
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("0.0", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Box-Muller: one standard normal draw from two uniforms.</summary>
    private static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Clamp(double value, int min, int max) => (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), min, max);

    private static int Bernoulli(Random random, double p) => random.NextDouble() < p ? 1 : 0;

    private static int Pick(Random random, int[] values, double[] weights)
    {
        var u = random.NextDouble();
        for (var i = 0; i < values.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return values[i];
        }
        return values[^1];
    }
}
