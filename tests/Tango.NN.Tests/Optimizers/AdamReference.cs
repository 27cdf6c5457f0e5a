namespace Tango.NN.Tests.Optimizers;

/// <summary>
/// Adam and AdamW written straight from the torch.optim.Adam / AdamW documentation, in double, one scalar at a
/// time: the test oracle for the SIMD implementation.
/// </summary>
internal sealed class AdamReference(int n)
{
    private readonly double[] _m = new double[n];
    private readonly double[] _v = new double[n];
    private readonly double[] _vMax = new double[n];

    public void Step(double[] x, double[] g, int t, double lr, double beta1, double beta2, double eps,
        double weightDecay, bool amsgrad, bool decoupled)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double gi = g[i];
            if (decoupled)
            {
                x[i] *= 1 - lr * weightDecay;           // AdamW: θ ← θ − γλθ
            }
            else
            {
                gi += weightDecay * x[i];                // Adam: g ← g + λθ
            }

            _m[i] = beta1 * _m[i] + (1 - beta1) * gi;
            _v[i] = beta2 * _v[i] + (1 - beta2) * gi * gi;
            double mHat = _m[i] / (1 - Math.Pow(beta1, t));
            _vMax[i] = Math.Max(_vMax[i], _v[i]);
            double vHat = (amsgrad ? _vMax[i] : _v[i]) / (1 - Math.Pow(beta2, t));
            x[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
        }
    }
}
