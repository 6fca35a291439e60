using System.Globalization;
using System.Text;

namespace MlService.TestSupport.Training;

/// <summary>Small seeded CSV tables with a known truth, for training at test time.</summary>
public static class SyntheticCsv
{
    public static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    /// <summary>Iris-like: three well-separated clusters of petal/sepal sizes; label is the species name or, with <paramref name="numericLabels"/>, 1/2/3.</summary>
    public static string Iris(int rowsPerClass = 40, int seed = 7, bool numericLabels = false)
    {
        var random = new Random(seed);
        var text = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        for (var i = 0; i < rowsPerClass; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var (sl, sw, pl, pw) = Centre(c);
                text.Append(Invariant($"{Jitter(random, sl)},{Jitter(random, sw)},{Jitter(random, pl)},{Jitter(random, pw)},"))
                    .Append(numericLabels ? (c + 1).ToString(CultureInfo.InvariantCulture) : Species[c]).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The cluster centre of class <paramref name="c"/> (0-based).</summary>
    public static (double SepalLength, double SepalWidth, double PetalLength, double PetalWidth) Centre(int c) => c switch
    {
        0 => (5.0, 3.4, 1.5, 0.2),
        1 => (5.9, 2.8, 4.3, 1.3),
        _ => (6.6, 3.0, 5.6, 2.0),
    };

    /// <summary>y = 3*x1 - 2*x2 + 5 (+ noise of +-0.25), x1 and x2 integers in 0..10.</summary>
    public static string Linear(int rows = 300, int seed = 11)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x1,x2,y\n");
        for (var i = 0; i < rows; i++)
        {
            var (x1, x2) = (random.Next(0, 11), random.Next(0, 11));
            text.Append(Invariant($"{x1},{x2},{LinearTruth(x1, x2) + (random.NextDouble() - 0.5) * 0.5:0.###}\n"));
        }
        return text.ToString();
    }

    public static double LinearTruth(double x1, double x2) => 3 * x1 - 2 * x2 + 5;

    /// <summary>
    /// Columns of every type: age (long), income (double, some cells empty), member (boolean), plan (string);
    /// approved = yes when member and plan is "gold", or income > 60; no otherwise.
    /// </summary>
    public static string Mixed(int rows = 240, int seed = 5)
    {
        string[] plans = ["basic", "silver", "gold"];
        var random = new Random(seed);
        var text = new StringBuilder("age,income,member,plan,approved\n");
        for (var i = 0; i < rows; i++)
        {
            var age = random.Next(18, 80);
            var income = Math.Round(20 + random.NextDouble() * 80, 1);
            var member = random.Next(2) == 1;
            var plan = plans[random.Next(3)];
            var approved = (member && plan == "gold") || income > 60;
            var incomeCell = i % 17 == 3 ? "" : income.ToString("0.0", CultureInfo.InvariantCulture);
            text.Append(Invariant($"{age},{incomeCell},{(member ? "true" : "false")},{plan},{(approved ? "yes" : "no")}\n"));
        }
        return text.ToString();
    }

    private static double Jitter(Random random, double centre) => Math.Round(centre + (random.NextDouble() - 0.5) * 0.4, 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
