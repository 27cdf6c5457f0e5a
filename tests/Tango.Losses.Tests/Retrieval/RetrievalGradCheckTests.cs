using Tango.Core;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>Central-difference gradient checks of every column loss with respect to every column.</summary>
public sealed class RetrievalGradCheckTests
{
    [Theory]
    [MemberData(nameof(RetrievalLossCases.Names), MemberType = typeof(RetrievalLossCases))]
    public void Gradient_matches_finite_differences(string name)
    {
        var c = RetrievalLossCases.Get(name);
        const int n = 6, d = 6;
        var columns = Enumerable.Range(0, c.Columns).Select(k => SeededCases.Normal(200 + (ulong)k, n, d)).ToArray();
        var labels = c.Labels(n);
        var loss = c.Create();
        GradCheck.Check(x => loss.Compute(x, labels), columns, eps: 1e-3f, rtol: 2e-2, atol: 2e-3);
    }
}
