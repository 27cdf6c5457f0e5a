using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// A Mahalanobis learner fitted on class labels (one integer label per row), scikit-learn style:
/// <c>learner.Fit(x, labels)</c> then <c>learner.Transform(x)</c>.
/// </summary>
public abstract class SupervisedMahalanobisLearner : MahalanobisLearner
{
    /// <summary>Fewest rows <c>Fit</c> accepts.</summary>
    private protected virtual int MinSamples => 2;

    /// <summary>Fits the metric on features x (rows are samples) and one class label per row.</summary>
    public void Fit(double[,] x, int[] labels)
    {
        var flat = Input.Features(x, Name, MinSamples);
        Input.Labels(labels, x.GetLength(0), Name);
        FitLabels(flat, x.GetLength(0), x.GetLength(1), (int[])labels.Clone());
    }

    /// <summary>Fits on single-precision features (converted to double).</summary>
    public void Fit(float[,] x, int[] labels)
    {
        var flat = Input.Features(x, Name, MinSamples);
        Input.Labels(labels, x.GetLength(0), Name);
        FitLabels(flat, x.GetLength(0), x.GetLength(1), (int[])labels.Clone());
    }

    /// <summary>Fits on validated data: x is (n, d) row-major, labels has n entries.</summary>
    internal abstract void FitLabels(double[] x, int n, int d, int[] labels);
}
