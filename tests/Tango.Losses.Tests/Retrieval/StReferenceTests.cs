using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Retrieval;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>
/// Every sentence-transformers reference case that is not a known bug: Tango's loss on the same columns gives the
/// same value and the same gradient for every column (docs/retrieval-losses.md lists them with their results).
/// </summary>
public sealed class StReferenceTests
{
    /// <summary>The three cases where sentence-transformers 5.2.0.dev0 is wrong (tested in StBugTests).</summary>
    public static readonly string[] Bugs =
        ["TripletLoss_EUCLIDEAN_m5.0", "TripletLoss_MANHATTAN_m5.0", "MegaBatchMargin_minibatched_mb4"];

    public static TheoryData<string> MatchingCases => [.. StReference.CaseNames.Except(Bugs)];

    [Fact]
    public void The_reference_has_46_cases_and_every_one_is_covered()
    {
        var names = StReference.CaseNames.ToArray();
        Assert.Equal(46, names.Length);
        Assert.All(names.Except(Bugs), n => Assert.NotNull(Runner(n)));
    }

    [Theory]
    [MemberData(nameof(MatchingCases))]
    public void Matches_sentence_transformers(string name)
    {
        var (loss, grads) = Runner(name)!();
        StReference.AssertMatches(name, loss, grads);
    }

    /// <summary>Runs a case: the loss value and each column's gradient.</summary>
    internal static Func<(double Loss, float[][] Grads)>? Runner(string name)
    {
        var cols = StReference.ColumnNames(name);
        Func<(double, float[][])> Plain(IColumnLoss loss, string? labels = null) => () => Run(loss, cols, labels);
        return name switch
        {
            "MNRL_pairs_cos_scale20" or "MNRL_triplets_cos_scale20" or "MNRL_4tuple_cos_scale20" =>
                Plain(new MultipleNegativesRankingLoss()),
            "MNRL_triplets_dot_scale1" => Plain(new MultipleNegativesRankingLoss(1f,
                new DotProductSimilarity(normalizeEmbeddings: false))),
            "MNSRL_pairs" or "MNSRL_triplets" => Plain(new MultipleNegativesRankingLoss(symmetric: true)),
            "CachedMNRL_triplets_mb3" => () => Cached(new CachedMultipleNegativesRankingLoss(3), cols),
            "CachedMNSRL_pairs_mb3" => () => Cached(new CachedMultipleNegativesRankingLoss(3, symmetric: true), cols),
            "GIST_pairs_absolute_m0" or "GIST_triplets_absolute_m0" => () => Gist(new GistEmbedLoss(), cols),
            "GIST_triplets_absolute_m0.1" => () => Gist(new GistEmbedLoss(margin: 0.1f), cols),
            "GIST_triplets_relative_m0.05" => () =>
                Gist(new GistEmbedLoss(marginStrategy: GistMarginStrategy.Relative, margin: 0.05f), cols),
            "CachedGIST_triplets_absolute_m0_mb3" => () => CachedGist(cols),
            "CoSENT_scale20" => Plain(new CoSentLoss(), "float_scores"),
            "AnglE_scale20" => Plain(new AnglELoss(), "float_scores"),
            "CosineSimilarityLoss_MSE_float32" => Plain(new CosineSimilarityLoss(), "float_scores"),
            "ContrastiveLoss_COSINE_DISTANCE_m0.5" => Plain(new SiameseContrastiveLoss(), "bin_labels"),
            "ContrastiveLoss_EUCLIDEAN_m5.0" =>
                Plain(new SiameseContrastiveLoss(SiameseDistanceMetric.Euclidean, 5f), "bin_labels"),
            "ContrastiveLoss_MANHATTAN_m5.0" =>
                Plain(new SiameseContrastiveLoss(SiameseDistanceMetric.Manhattan, 5f), "bin_labels"),
            "OnlineContrastiveLoss_COSINE_DISTANCE_m0.5" => Plain(new OnlineContrastiveLoss(), "bin_labels"),
            "OnlineContrastiveLoss_EUCLIDEAN_m5.0" =>
                Plain(new OnlineContrastiveLoss(SiameseDistanceMetric.Euclidean, 5f), "bin_labels"),
            "OnlineContrastiveLoss_MANHATTAN_m5.0" =>
                Plain(new OnlineContrastiveLoss(SiameseDistanceMetric.Manhattan, 5f), "bin_labels"),
            "TripletLoss_COSINE_m0.5" => Plain(new TripletLoss(TripletDistanceMetric.Cosine, 0.5f)),
            "BatchAllTripletLoss_euclid_m5.0" => Plain(new BatchAllTripletLoss(), "batch_labels"),
            "BatchHardTripletLoss_euclid_m5.0" => Plain(new BatchHardTripletLoss(), "batch_labels"),
            "BatchSemiHardTripletLoss_euclid_m5.0" => Plain(new BatchSemiHardTripletLoss(), "batch_labels"),
            "BatchHardSoftMarginTripletLoss_euclid" => Plain(new BatchHardSoftMarginTripletLoss(), "batch_labels"),
            "BatchAllTripletLoss_cosine_m0.5" =>
                Plain(new BatchAllTripletLoss(BatchTripletDistance.Cosine, 0.5f), "batch_labels"),
            "BatchHardTripletLoss_cosine_m0.5" =>
                Plain(new BatchHardTripletLoss(BatchTripletDistance.Cosine, 0.5f), "batch_labels"),
            "BatchSemiHardTripletLoss_cosine_m0.5" =>
                Plain(new BatchSemiHardTripletLoss(BatchTripletDistance.Cosine, 0.5f), "batch_labels"),
            "BatchHardSoftMarginTripletLoss_cosine" =>
                Plain(new BatchHardSoftMarginTripletLoss(BatchTripletDistance.Cosine), "batch_labels"),
            "MSELoss_single_col" or "MSELoss_two_cols" => Plain(new MseLoss(), "teacher_emb"),
            "MarginMSE_1neg_dot" => Plain(new MarginMseLoss(), "margin_1neg"),
            "MarginMSE_2neg_dot_scores" => Plain(new MarginMseLoss(), "scores_2neg"),
            "DistillKLDiv_2neg_T1" => Plain(new DistillKLDivLoss(), "scores_2neg"),
            "DistillKLDiv_2neg_T2" => Plain(new DistillKLDivLoss(temperature: 2f), "scores_2neg"),
            "SoftmaxLoss_u_v_absdiff" => Plain(Softmax(), "nli_labels"),
            "MegaBatchMargin_full" => Plain(new MegaBatchMarginLoss()),
            "ContrastiveTension_BCE_sum" => Plain(new ContrastiveTensionLoss(), "bin_labels"),
            "ContrastiveTensionInBatchNegatives_scale20" => Plain(new ContrastiveTensionInBatchNegativesLoss()),
            "Matryoshka_MNRL_dims16_8_4" =>
                Plain(new MatryoshkaLoss(new MultipleNegativesRankingLoss(), [16, 8, 4])),
            "Matryoshka_CachedMNRL_dims16_8_4_mb3" => () => Cached(
                new CachedColumnLoss(new MatryoshkaLoss(new MultipleNegativesRankingLoss(), [16, 8, 4]), 3), cols),
            _ => null,
        };
    }

    private static (double, float[][]) Run(IColumnLoss loss, string[] cols, string? labels)
    {
        var leaves = StReference.Leaves(cols);
        var value = loss.Compute(leaves, labels is null ? null : StReference.Input(labels));
        value.Backward();
        return (value.Item(), Grads(leaves));
    }

    // GradCache with the identity as the encoder: the inputs' gradients are the embeddings' gradients.
    private static (double, float[][]) Cached(CachedColumnLoss loss, string[] cols)
    {
        var leaves = StReference.Leaves(cols);
        double value = loss.Step(leaves, x => x);
        return (value, Grads(leaves));
    }

    private static (double, float[][]) Gist(GistEmbedLoss loss, string[] cols)
    {
        var leaves = StReference.Leaves(cols);
        var guide = cols.Select(c => StReference.Input("G" + c)).ToArray();
        var value = loss.Compute(leaves, guide);
        value.Backward();
        return (value.Item(), Grads(leaves));
    }

    // Each input row is [embedding | guide embedding]; the encoder and the guide read their halves.
    private static (double, float[][]) CachedGist(string[] cols)
    {
        var inputs = cols.Select(c => Tensor.Concat([StReference.Input(c), StReference.Input("G" + c)], 1)).ToArray();
        foreach (var x in inputs)
        {
            x.RequiresGrad = true;
        }

        var loss = new CachedGistEmbedLoss(miniBatchSize: 3);
        double value = loss.Step(inputs, x => x.Slice(1, 0, 16), x => x.Slice(1, 16, 16));
        return (value, [.. inputs.Select(x => x.Grad!.Slice(1, 0, 16).ToArray())]);
    }

    private static SoftmaxLoss Softmax()
    {
        var loss = new SoftmaxLoss(16, 3);
        StReference.Input("softmax_classifier_weight").Span.CopyTo(loss.Classifier.Weight.Span);
        StReference.Input("softmax_classifier_bias").Span.CopyTo(loss.Classifier.Bias!.Span);
        return loss;
    }

    private static float[][] Grads(Tensor[] leaves) =>
        [.. leaves.Select(l => l.Grad?.ToArray() ?? new float[l.Size])];
}
