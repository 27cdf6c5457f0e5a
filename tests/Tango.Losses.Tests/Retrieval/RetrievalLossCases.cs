using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Retrieval;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>One column loss with the columns and labels it takes, for the shared gradient and contract tests.</summary>
internal sealed record RetrievalCase(string Name, Func<IColumnLoss> Create, int Columns, Func<int, Tensor?> Labels,
    bool EvenDimension = false);

/// <summary>Every column loss (each distance it supports), with seeded labels of the right kind.</summary>
internal static class RetrievalLossCases
{
    public static readonly RetrievalCase[] All =
    [
        new("MNRL cosine", () => new MultipleNegativesRankingLoss(), 3, _ => null),
        new("MNRL dot", () => new MultipleNegativesRankingLoss(1f, new DotProductSimilarity(false)), 3, _ => null),
        new("MNRL euclidean", () => new MultipleNegativesRankingLoss(5f, new LpDistance()), 2, _ => null),
        new("MNRL symmetric masked", () => new MultipleNegativesRankingLoss(symmetric: true,
            maskDuplicatePositives: true), 3, _ => null),
        new("CoSENT", () => new CoSentLoss(), 2, Scores),
        new("AnglE", () => new AnglELoss(), 2, Scores, EvenDimension: true),
        new("CosineSimilarityLoss", () => new CosineSimilarityLoss(), 2, Scores),
        new("Contrastive cosine", () => new SiameseContrastiveLoss(), 2, Binary),
        new("Contrastive euclidean", () => new SiameseContrastiveLoss(SiameseDistanceMetric.Euclidean, 3f), 2, Binary),
        new("Contrastive manhattan", () => new SiameseContrastiveLoss(SiameseDistanceMetric.Manhattan, 5f), 2, Binary),
        new("OnlineContrastive cosine", () => new OnlineContrastiveLoss(margin: 1.5f), 2, Binary),
        new("OnlineContrastive euclidean", () => new OnlineContrastiveLoss(SiameseDistanceMetric.Euclidean, 4f), 2,
            Binary),
        new("Triplet euclidean", () => new TripletLoss(), 3, _ => null),
        new("Triplet manhattan", () => new TripletLoss(TripletDistanceMetric.Manhattan, 8f), 3, _ => null),
        new("Triplet cosine", () => new TripletLoss(TripletDistanceMetric.Cosine, 1.5f), 3, _ => null),
        new("BatchAll euclidean", () => new BatchAllTripletLoss(), 1, Classes),
        new("BatchAll cosine", () => new BatchAllTripletLoss(BatchTripletDistance.Cosine, 2.5f), 1, Classes),
        new("BatchHard euclidean", () => new BatchHardTripletLoss(), 1, Classes),
        new("BatchHard cosine", () => new BatchHardTripletLoss(BatchTripletDistance.Cosine, 0.5f), 1, Classes),
        new("BatchSemiHard euclidean", () => new BatchSemiHardTripletLoss(), 1, Classes),
        new("BatchSemiHard cosine", () => new BatchSemiHardTripletLoss(BatchTripletDistance.Cosine, 0.5f), 1, Classes),
        new("BatchHardSoftMargin", () => new BatchHardSoftMarginTripletLoss(), 1, Classes),
        new("MSE", () => new MseLoss(), 2, n => SeededCases.Normal(91, n, 6)),
        new("MarginMSE", () => new MarginMseLoss(), 4, n => SeededCases.Normal(92, n, 3)),
        new("MarginMSE cosine", () => new MarginMseLoss(PairScore.Cosine), 3, n => SeededCases.Normal(93, n)),
        new("DistillKLDiv", () => new DistillKLDivLoss(temperature: 2f), 3, n => SeededCases.Normal(94, n, 2)),
        new("Softmax", () => new SoftmaxLoss(6, 3, concatenateProduct: true, rng: new Rng(3)), 2,
            n => Tensor.FromArray([.. Enumerable.Range(0, n).Select(i => (float)(i % 3))])),
        new("MegaBatchMargin", () => new MegaBatchMarginLoss(), 2, _ => null),
        new("ContrastiveTension", () => new ContrastiveTensionLoss(), 2, Binary),
        new("ContrastiveTension in-batch", () => new ContrastiveTensionInBatchNegativesLoss(), 2, _ => null),
        new("Matryoshka MNRL", () => new MatryoshkaLoss(new MultipleNegativesRankingLoss(), [6, 3, 2],
            [1f, 0.5f, 2f]), 2, _ => null, EvenDimension: true),
        new("Matryoshka MSE", () => new MatryoshkaLoss(new MseLoss(), [6, 4]), 1, n => SeededCases.Normal(95, n, 6)),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static RetrievalCase Get(string name) => All.Single(c => c.Name == name);

    private static Tensor Scores(int n) => Tensor.FromArray(SeededCases.Uniform(81, n, 0f, 1f));

    // Alternating 1/0, so both kinds are present from n = 2.
    private static Tensor Binary(int n) => Tensor.FromArray([.. Enumerable.Range(0, n).Select(i => (float)(i % 2))]);

    // Pairs of equal labels: 0, 0, 1, 1, ...
    private static Tensor Classes(int n) => Tensor.FromArray([.. Enumerable.Range(0, n).Select(i => (float)(i / 2))]);
}
