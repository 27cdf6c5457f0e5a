using Tango.Core;

namespace Tango.Losses.Distances;

/// <summary>
/// A pairwise distance or similarity between embeddings, PML's <c>BaseDistance</c>: optional Lp normalisation
/// of the inputs, the matrix between a query set and a reference set, and <see cref="Power"/> applied to it.
/// The distance knows its direction (<see cref="IsSimilarity"/>), and the helpers below (<see cref="Margin(float,
/// float)"/>,
/// <see cref="IsCloser"/>) let losses and miners work with either kind without branching on a concrete type.
/// </summary>
public abstract class Distance
{
    /// <summary>
    /// Sets the common options; <paramref name="p"/> is the norm used to normalise (and by LpDistance).
    /// </summary>
    protected Distance(bool normalizeEmbeddings, float p, float power)
    {
        if (!(p >= 1f) || float.IsPositiveInfinity(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"{GetType().Name}: p must be finite and ≥ 1; got {p}.");
        }

        if (!float.IsFinite(power) || power == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(power),
                $"{GetType().Name}: power must be finite and non-zero; got {power}.");
        }

        NormalizeEmbeddings = normalizeEmbeddings;
        P = p;
        Power = power;
    }

    /// <summary>Whether embeddings are divided by their p-norm (at least 1e-12) first.</summary>
    public bool NormalizeEmbeddings { get; }

    /// <summary>The norm's p.</summary>
    public float P { get; }

    /// <summary>The matrix is raised to this power (1: unchanged).</summary>
    public float Power { get; }

    /// <summary>True when larger means closer (cosine, dot product); PML's <c>is_inverted</c>.</summary>
    public abstract bool IsSimilarity { get; }

    /// <summary>
    /// The (query × reference) matrix, differentiable with respect to both. With no reference the query is
    /// compared with itself (and a distance's diagonal is exactly 0).
    /// </summary>
    // query: (n, d), reference: (m, d) -> (n, m)
    public Tensor Matrix(Tensor query, Tensor? reference = null)
    {
        CheckEmbeddings(query, reference);
        if (FusedMatrix(query, reference) is { } fused)
        {
            return fused;
        }

        var q = MaybeNormalize(query);
        var r = reference is null ? q : MaybeNormalize(reference);
        var mat = ComputeMatrix(q, r, reference is null);
        return Power == 1f || PowerIsBuiltIn ? mat : mat.Pow(Power);
    }

    /// <summary>
    /// The value between row i of <paramref name="query"/> and row i of <paramref name="reference"/>, for each i,
    /// on the inputs as given (no normalisation, no power: PML's <c>pairwise_distance</c>).
    /// </summary>
    // query, reference: (n, d) -> (n)
    public Tensor Pairwise(Tensor query, Tensor reference)
    {
        CheckEmbeddings(query, reference);
        if (query.Dim(0) != reference.Dim(0))
        {
            throw new ArgumentException(
                $"{GetType().Name}.Pairwise: query and reference need the same number of rows; got " +
                $"{query.ShapeString} and {reference.ShapeString}.");
        }

        return ComputePairwise(query, reference);
    }

    /// <summary>
    /// Calls <paramref name="onBlock"/> with (first row, matrix of up to <paramref name="blockRows"/> query rows ×
    /// all reference rows), without recording gradients: for matrices too large to hold at once (PML's
    /// <c>BatchedDistance</c>).
    /// </summary>
    public void ForEachBlock(Tensor query, Tensor? reference, int blockRows, Action<int, Tensor> onBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockRows);
        ArgumentNullException.ThrowIfNull(onBlock);
        CheckEmbeddings(query, reference);
        using var _ = Tensor.NoGrad();
        var r = reference ?? query;
        for (int start = 0; start < query.Dim(0); start += blockRows)
        {
            int rows = Math.Min(blockRows, query.Dim(0) - start);
            onBlock(start, Matrix(query.Slice(0, start, rows), r));
        }
    }

    /// <summary>Each row divided by max(‖row‖_p, 1e-12) (PyTorch's <c>F.normalize</c>).</summary>
    public Tensor Normalize(Tensor embeddings) =>
        P == 2f ? embeddings.L2Normalize(axis: 1) : embeddings.Div(RowNorm(embeddings).ClampMin(1e-12f));

    /// <summary>The embeddings normalised when <see cref="NormalizeEmbeddings"/> is set, else as given.</summary>
    public Tensor MaybeNormalize(Tensor embeddings) => NormalizeEmbeddings ? Normalize(embeddings) : embeddings;

    /// <summary>The p-norm of each row, as an (n, 1) column.</summary>
    // x: (n, d) -> (n, 1)
    public Tensor RowNorm(Tensor embeddings) => P == 2f
        ? embeddings.Square().Sum(1, keepDim: true).Sqrt()
        : embeddings.Abs().Pow(P).Sum(1, keepDim: true).Pow(1f / P);

    /// <summary>
    /// How much x exceeds y in the "farther" direction: x − y for a distance, y − x for a similarity (PML's
    /// <c>margin</c>). Positive means x is farther than y.
    /// </summary>
    public float Margin(float x, float y) => IsSimilarity ? y - x : x - y;

    /// <summary><see cref="Margin(float, float)"/> elementwise.</summary>
    public Tensor Margin(Tensor x, Tensor y) => IsSimilarity ? y.Sub(x) : x.Sub(y);

    /// <summary><see cref="Margin(float, float)"/> of a tensor and a constant.</summary>
    public Tensor Margin(Tensor x, float y) => IsSimilarity ? x.Neg().Add(y) : x.Sub(Tensor.Scalar(y));

    /// <summary><see cref="Margin(float, float)"/> of a constant and a tensor.</summary>
    public Tensor Margin(float x, Tensor y) => IsSimilarity ? y.Sub(Tensor.Scalar(x)) : y.Neg().Add(x);

    /// <summary>+1 for a distance, −1 for a similarity: the sign that turns a value into "farther is larger".</summary>
    public float Direction => IsSimilarity ? -1f : 1f;

    /// <summary>True when value <paramref name="a"/> means closer than value <paramref name="b"/>.</summary>
    public bool IsCloser(float a, float b) => IsSimilarity ? a > b : a < b;

    /// <summary>The closer of two values elementwise (PML's <c>smallest_dist</c>).</summary>
    public Tensor Closest(Tensor a, Tensor b) => IsSimilarity ? a.Maximum(b) : a.Minimum(b);

    /// <summary>True when <see cref="ComputeMatrix"/> already applied <see cref="Power"/>.</summary>
    private protected virtual bool PowerIsBuiltIn => false;

    /// <summary>
    /// The whole matrix (normalisation and power included) as one fused op, when the distance has one; null to
    /// compose it from <see cref="MaybeNormalize"/>, <see cref="ComputeMatrix"/> and the power.
    /// </summary>
    private protected virtual Tensor? FusedMatrix(Tensor query, Tensor? reference) => null;

    /// <summary>The matrix between (already normalised) embeddings; <paramref name="same"/> when r is q.</summary>
    // q: (n, d), r: (m, d) -> (n, m)
    protected abstract Tensor ComputeMatrix(Tensor q, Tensor r, bool same);

    /// <summary>The row-by-row value between q and r.</summary>
    // q, r: (n, d) -> (n)
    protected abstract Tensor ComputePairwise(Tensor q, Tensor r);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{GetType().Name}(normalizeEmbeddings: {NormalizeEmbeddings}, p: {P}, power: {Power})";

    private void CheckEmbeddings(Tensor query, Tensor? reference)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Rank != 2 || (reference is not null && reference.Rank != 2))
        {
            throw new ArgumentException(
                $"{GetType().Name}: embeddings must be (batch, dim) matrices; got query {query.ShapeString}" +
                (reference is null ? "." : $" and reference {reference.ShapeString}."));
        }

        if (reference is not null && reference.Dim(1) != query.Dim(1))
        {
            throw new ArgumentException(
                $"{GetType().Name}: query and reference embeddings differ in dimension ({query.Dim(1)} vs " +
                $"{reference.Dim(1)}).");
        }
    }
}
