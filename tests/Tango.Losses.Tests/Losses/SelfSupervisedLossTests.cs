using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class SelfSupervisedLossTests
{
    [Theory]
    [InlineData("NTXentLoss_SelfSupervised_symmetric", true)]
    [InlineData("NTXentLoss_SelfSupervised_asymmetric", false)]
    public void MatchesPml(string name, bool symmetric)
    {
        var c = ReferenceCase.Load(name);
        var x = c.EmbeddingTensor();
        var r = c.RefEmbeddingTensor();
        var value = new SelfSupervisedLoss(new NtXentLoss(), symmetric).Compute(x, r);
        value.Backward();
        ReferenceAssert.Loss(c, value.Item());
        ReferenceAssert.Gradient(c, c.Grad64!, x.Grad!.ToArray(), "grad_embeddings");
        ReferenceAssert.Gradient(c, c.GradRef64!, r.Grad!.ToArray(), "grad_ref_emb");
    }

    [Fact]
    public void RejectsMismatchedViews()
    {
        var loss = new SelfSupervisedLoss(new NtXentLoss());
        Assert.Throws<ArgumentException>(() => loss.Compute(SeededCases.Normal(1, 4, 3), SeededCases.Normal(2, 5, 3)));
    }
}
