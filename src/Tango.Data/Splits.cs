using Tango.Core;

namespace Tango.Data;

/// <summary>
/// Train/test splits of labelled rows, returned as sorted row indices.
/// <list type="bullet">
/// <item><see cref="ClassDisjoint"/>: the deep-metric-learning protocol (CUB, Cars196, SOP) — train on some classes,
/// evaluate retrieval on the unseen rest.</item>
/// <item><see cref="Stratified"/>: every class split in the same proportion (scikit-learn's
/// StratifiedShuffleSplit), and <see cref="StratifiedKFold"/> for cross-validation.</item>
/// </list>
/// Random splits depend only on the labels and the seed.
/// </summary>
public static class Splits
{
    /// <summary>Rows whose class is in <paramref name="trainClasses"/> train; the rest test.</summary>
    public static (int[] Train, int[] Test) ClassDisjoint(int[] labels, IReadOnlySet<int> trainClasses)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(trainClasses);
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < labels.Length; i++)
        {
            (trainClasses.Contains(labels[i]) ? train : test).Add(i);
        }

        return ([.. train], [.. test]);
    }

    /// <summary>
    /// A random split with round(n · <paramref name="testFraction"/>) test rows, shared among the classes in
    /// proportion to their sizes (largest remainders get the leftover rows; ties to the smaller class id).
    /// </summary>
    public static (int[] Train, int[] Test) Stratified(int[] labels, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                "Stratified: the test fraction must lie strictly between 0 and 1.");
        }

        var classes = ShuffledClasses(labels, seed);
        int n = labels.Length;
        int testTotal = (int)Math.Round(n * testFraction, MidpointRounding.AwayFromZero);
        var quota = Allocate(classes.Select(c => c.Length).ToArray(), testTotal, n);
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < classes.Length; c++)
        {
            test.AddRange(classes[c].AsSpan(0, quota[c]));
            train.AddRange(classes[c].AsSpan(quota[c]));
        }

        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }

    /// <summary>
    /// <paramref name="folds"/> stratified folds: each class's shuffled rows are dealt to the folds in turn (the
    /// turn carries over from class to class), so a fold's class counts differ from the proportional share by less
    /// than one and fold sizes differ by at most one. Fold f tests on its rows and trains on all others.
    /// </summary>
    public static (int[] Train, int[] Test)[] StratifiedKFold(int[] labels, int folds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (folds < 2 || folds > labels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds,
                $"StratifiedKFold: needs 2 ≤ folds ≤ {labels.Length} rows.");
        }

        var member = new int[labels.Length];
        int turn = 0;
        foreach (var rows in ShuffledClasses(labels, seed))
        {
            foreach (int r in rows)
            {
                member[r] = turn;
                turn = (turn + 1) % folds;
            }
        }

        var result = new (int[] Train, int[] Test)[folds];
        for (int f = 0; f < folds; f++)
        {
            var rows = Enumerable.Range(0, labels.Length);
            result[f] = (rows.Where(r => member[r] != f).ToArray(), rows.Where(r => member[r] == f).ToArray());
        }

        return result;
    }

    // The rows of each distinct label (in increasing label order), each shuffled by its own generator split from
    // the seed in that order, so a class's shuffle does not depend on the other classes' sizes.
    private static int[][] ShuffledClasses(int[] labels, ulong seed)
    {
        var rng = new Rng(seed);
        var groups = Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key);
        var result = new List<int[]>();
        foreach (var group in groups)
        {
            var rows = group.ToArray();
            rng.Split().Shuffle(rows.AsSpan());
            result.Add(rows);
        }

        return [.. result];
    }

    // Largest-remainder apportionment of `total` among classes of the given sizes.
    private static int[] Allocate(int[] sizes, int total, int n)
    {
        var quota = new int[sizes.Length];
        var remainders = new double[sizes.Length];
        int given = 0;
        for (int c = 0; c < sizes.Length; c++)
        {
            double exact = (double)sizes[c] * total / n;
            quota[c] = (int)Math.Floor(exact);
            remainders[c] = exact - quota[c];
            given += quota[c];
        }

        foreach (int c in Enumerable.Range(0, sizes.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c))
        {
            if (given == total)
            {
                break;
            }

            if (quota[c] < sizes[c])
            {
                quota[c]++;
                given++;
            }
        }

        return quota;
    }
}
