using Tango.Core;
using Tango.NN;

namespace Tango.Losses.Retrieval;

/// <summary>
/// The NLI classification objective of Sentence-BERT (Reimers &amp; Gurevych 2019, "Sentence-BERT", §3;
/// sentence-transformers' <c>SoftmaxLoss</c>): the pair (u, v) becomes the features [u, v, |u − v|] (each part
/// optional, plus u ∗ v on request), a linear classifier maps them to class logits, and the loss is the mean
/// cross-entropy with the class labels. The classifier is trained with the encoder (<see cref="Parameters"/>).
/// </summary>
public sealed class SoftmaxLoss : IColumnLoss
{
    /// <summary>Creates the loss with a classifier for <paramref name="embeddingDimension"/>-wide embeddings.</summary>
    public SoftmaxLoss(int embeddingDimension, int numLabels, bool concatenateRepresentations = true,
        bool concatenateDifference = true, bool concatenateProduct = false, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDimension);
        if (numLabels < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(numLabels), $"SoftmaxLoss: needs at least 2 labels; got " +
                $"{numLabels}.");
        }

        int parts = (concatenateRepresentations ? 2 : 0) + (concatenateDifference ? 1 : 0) +
                    (concatenateProduct ? 1 : 0);
        if (parts == 0)
        {
            throw new ArgumentException("SoftmaxLoss: at least one feature part must be concatenated.");
        }

        ConcatenateRepresentations = concatenateRepresentations;
        ConcatenateDifference = concatenateDifference;
        ConcatenateProduct = concatenateProduct;
        NumLabels = numLabels;
        Classifier = new Linear(parts * embeddingDimension, numLabels, bias: true, rng ?? new Rng(0));
    }

    /// <summary>Whether u and v themselves are features.</summary>
    public bool ConcatenateRepresentations { get; }

    /// <summary>Whether |u − v| is a feature.</summary>
    public bool ConcatenateDifference { get; }

    /// <summary>Whether u ∗ v is a feature.</summary>
    public bool ConcatenateProduct { get; }

    /// <summary>The number of classes.</summary>
    public int NumLabels { get; }

    /// <summary>The linear classifier over the concatenated features.</summary>
    public Linear Classifier { get; }

    /// <summary>The classifier's parameters, to train with the encoder's.</summary>
    public IEnumerable<Tensor> Parameters() => Classifier.Parameters();

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(SoftmaxLoss), columns, 2, 2);
        int n = columns[0].Dim(0);
        var y = Columns.IntLabels(nameof(SoftmaxLoss),
            Columns.RequireLabels(nameof(SoftmaxLoss), labels, n, "one class label per pair"));
        if (y.Any(v => v < 0 || v >= NumLabels))
        {
            throw new ArgumentException($"SoftmaxLoss: class labels must lie in [0, {NumLabels}).");
        }

        var logits = Classifier.Forward(Features(columns[0], columns[1]));
        if (n == 0)
        {
            return Kernels.LossOps.ZeroLoss(logits);
        }

        var rows = Enumerable.Range(0, n).ToArray();
        return Kernels.LossOps.GatherPairs(logits.LogSoftmax(1), rows, y).Mean().Neg();
    }

    /// <summary>The concatenated pair features.</summary>
    // u, v: (n, d) -> (n, parts·d)
    public Tensor Features(Tensor u, Tensor v)
    {
        var parts = new List<Tensor>();
        if (ConcatenateRepresentations)
        {
            parts.Add(u);
            parts.Add(v);
        }

        if (ConcatenateDifference)
        {
            parts.Add(u.Sub(v).Abs());
        }

        if (ConcatenateProduct)
        {
            parts.Add(u.Mul(v));
        }

        return parts.Count == 1 ? parts[0] : Tensor.Concat([.. parts], 1);
    }
}
