using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// The inverse covariance of the data as the metric, M = Σ⁺ (the classical Mahalanobis distance; metric-learn's
/// <c>Covariance</c>, a baseline). Labels are ignored. A singular covariance (constant or linearly dependent
/// features) is pseudo-inverted, with scipy's <c>pinvh</c> cut-off.
/// </summary>
public sealed class Covariance : SupervisedMahalanobisLearner
{
    /// <summary>Fits on unlabelled data.</summary>
    public void Fit(double[,] x) => Fit(x, new int[x?.GetLength(0) ?? 0]);

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        var cov = Dense.Covariance(x, n, d);
        double[] m;
        if (d == 1)
        {
            if (cov[0] == 0)
            {
                throw new ArgumentException("Covariance: the only feature is constant; its variance is 0.");
            }

            m = [1.0 / cov[0]];
        }
        else
        {
            m = Linalg.PseudoInverse(cov, d);
        }

        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }
}
