using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class CircleLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("CircleLoss");
        var loss = new CircleLoss((float)c.Kwarg("m"), (float)c.Kwarg("gamma"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    // Circle loss detaches its weights α, so its gradient is not the derivative of its value and a finite-difference
    // check does not apply. Instead: finite differences of the same formula with the weights frozen at the point,
    // written with core ops only (masked log-sum-exp as LogSumExp over −∞-filled rows).
    [Fact]
    public void GradientIsTheFrozenWeightSurrogates()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 3];
        const float m = 0.25f, gamma = 4f;
        var x = SeededCases.Normal(3, 10, 5);
        x.RequiresGrad = true;
        new CircleLoss(m, gamma, reducer: new MeanReducer()).Compute(x, labels).Backward();
        var s0 = new CosineSimilarity().Matrix(x).ToArray();
        var (w, offset, pos, neg) = (new float[100], new float[100], new float[100], new float[100]);
        var valid = new float[10];
        for (int k = 0; k < 100; k++)
        {
            int i = k / 10, j = k % 10;
            bool p = i != j && labels[i] == labels[j], q = labels[i] != labels[j];
            (pos[k], neg[k]) = (p ? 0f : float.NegativeInfinity, q ? 0f : float.NegativeInfinity);
            w[k] = p ? -gamma * MathF.Max(1 + m - s0[k], 0) : q ? gamma * MathF.Max(s0[k] + m, 0) : 0;
            offset[k] = p ? w[k] * (1 - m) : q ? w[k] * m : 0;
        }

        for (int i = 0; i < 10; i++)
        {
            valid[i] = labels.Count(l => l == labels[i]) > 1 ? 1f : 0f;
        }

        Tensor Surrogate(Tensor e)
        {
            var logits = new CosineSimilarity().Matrix(e).Mul(Tensor.FromArray(w, 10, 10))
                .Sub(Tensor.FromArray(offset, 10, 10));
            var lp = logits.Add(Tensor.FromArray(pos, 10, 10)).LogSumExp(1);
            var ln = logits.Add(Tensor.FromArray(neg, 10, 10)).LogSumExp(1);
            var rows = Tensor.FromArray(valid);
            return lp.Add(ln).Mul(rows).Softplus().Mul(rows).Mean();
        }

        var copy = x.Detach();
        copy.RequiresGrad = true;
        Surrogate(copy).Backward();
        Tolerance.Close(copy.Grad!.Span, x.Grad!.Span, rtol: 1e-4, atol: 1e-6, what: "gradient");
        GradCheck.Check(t => Surrogate(t[0]), [x.Detach()], eps: 1e-3f);
    }

    [Fact]
    public void RequiresCosineSimilarity()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CircleLoss(distance: new LpDistance()));
        Assert.Contains("CosineSimilarity", ex.Message, StringComparison.Ordinal);
    }
}
