using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Contracts;

namespace Tango.Losses.Tests.Contrastive;

/// <summary>The seed-paper losses that take embeddings and labels, in the contract suite.</summary>
internal static class ContrastiveCases
{
    public static IReadOnlyList<LossContractCase> All { get; } =
    [
        new("DecoupledContrastive", () => new DecoupledContrastiveLoss()),
        new("DecoupledContrastive/weighted", () => new DecoupledContrastiveLoss(weightSigma: 0.5f)),
        new("DecoupledContrastive/euclidean", () => new DecoupledContrastiveLoss(distance: new LpDistance())),
        new("AlignmentUniformity", () => new AlignmentUniformityLoss(), AlwaysLearns: true),
        new("AlignmentUniformity/alpha1", () => new AlignmentUniformityLoss(1f), AlwaysLearns: true),
        new("DebiasedContrastive", () => new DebiasedContrastiveLoss()),
        new("HardNegativeContrastive", () => new HardNegativeContrastiveLoss()),
        new("HardNegativeContrastive/beta5", () => new HardNegativeContrastiveLoss(0.1f, 5f, 0.3f)),
        new("Mochi", () => new MochiLoss(hardestCount: 4, mixCount: 6, queryMixCount: 2, rng: new Rng(1)),
            PermutationInvariant: false),
        new("MannWhitney", () => new MannWhitneyLoss()),
        new("MannWhitney/polynomial", () => new MannWhitneyLoss(MannWhitneySurrogate.Polynomial)),
        new("MannWhitney/euclidean", () => new MannWhitneyLoss(distance: new LpDistance())),
        new("Harmonic", () => new HarmonicLoss(12, 5, rng: new Rng(5)), SelectsByTuples: false,
            LabelRenamingInvariant: false, ClassifiesByLabel: true),
        new("EquiangularBasis", () => new EquiangularBasisLoss(12, 5, rng: new Rng(5)), SelectsByTuples: false,
            LabelRenamingInvariant: false, ClassifiesByLabel: true),
    ];
}
