using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Manifold loss (Aziere &amp; Todorovic 2019, "Ensemble Deep Manifold Similarity Learning using Hard Proxies",
/// CVPR; PML's <c>ManifoldLoss</c>) with K trainable proxies. On the graph of the batch and the proxies, with
/// S_ij = exp(2·max(s_ij, 0)) off the diagonal (s the similarity) and S̄ = D^(−1/2)·S·D^(−1/2), a random walk with
/// restart gives the manifold similarities F = (1 − α)·(I − α·S̄)⁻¹. Each embedding i has a meta-class c_i (the
/// proxy it belongs to) and pays, for every other proxy k with z_ik = F_ik − F_ic_i + m ≥ 0,
/// log(1 + Σ_k exp z_ik), on F itself ("intrinsic") and on the cosines between F's rows ("context");
/// L = mean intrinsic + λ_C·mean context (λ_C = +∞: context only, as the paper means). Already reduced.
/// <para>The labels, when given, are the meta-classes (proxy indices in [0, K)), which PML passes as
/// <c>indices_tuple</c>; without them every proxy gets one random member and the rest are drawn uniformly
/// (PML's rule, from the loss's seeded <see cref="Rng"/>). The (n + K)² inverse is a blocked Cholesky inversion.</para>
/// </summary>
public sealed class ManifoldLoss : ParametricLoss
{
    private readonly Rng _rng;

    /// <summary>
    /// Creates the loss with K proxies of dimension <paramref name="embeddingSize"/> (PML's l), initialised
    /// Normal(0, 1) from <paramref name="rng"/> (PML defaults: K = 50, λ_C = 1, α = 0.8, m = 5e-4, cosine).
    /// </summary>
    public ManifoldLoss(int embeddingSize, int numProxies = 50, float lambdaC = 1f, float alpha = 0.8f,
        float margin = 5e-4f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f, Rng? rng = null)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight, null, 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numProxies);
        if (!(lambdaC >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambdaC),
                $"ManifoldLoss: lambdaC must be non-negative (+∞ for the context loss only); got {lambdaC}.");
        }

        if (!(alpha is >= 0f and < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha),
                $"ManifoldLoss: alpha, the random walk's continuation, must lie in [0, 1); got {alpha}.");
        }

        if (!Distance.IsSimilarity)
        {
            throw new ArgumentException($"ManifoldLoss builds its graph from similarities; got {Distance}.");
        }

        EmbeddingSize = embeddingSize;
        NumProxies = numProxies;
        LambdaC = lambdaC;
        Alpha = alpha;
        Margin = margin;
        _rng = rng ?? new Rng(0);
        Proxies = RegisterParameter("proxies", NormalInit(_rng.Split(), [numProxies, embeddingSize]));
    }

    /// <summary>The embedding dimension l.</summary>
    public int EmbeddingSize { get; }

    /// <summary>The number of proxies K.</summary>
    public int NumProxies { get; }

    /// <summary>The weight λ_C of the context loss.</summary>
    public float LambdaC { get; }

    /// <summary>The random walk's continuation probability α.</summary>
    public float Alpha { get; }

    /// <summary>The margin m.</summary>
    public float Margin { get; }

    /// <summary>The proxies (K, l), trainable.</summary>
    public Tensor Proxies { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Tuples is not null)
        {
            throw new ArgumentException(
                "ManifoldLoss takes each embedding's meta-class (proxy index) as its label, not mined tuples.");
        }

        if (input.Embeddings.Dim(1) != EmbeddingSize)
        {
            throw new ArgumentException($"ManifoldLoss: embeddings have dimension {input.Embeddings.Dim(1)}; the " +
                $"proxies have {EmbeddingSize}.");
        }

        int n = input.BatchSize, k = NumProxies;
        var meta = MetaClasses(input.Labels, n);
        var f = RandomWalk(input.Embeddings, n + k);
        var fe = f.Slice(0, 0, n);
        var loss = float.IsPositiveInfinity(LambdaC)
            ? Penalty(Cosines(fe, f.Slice(0, n, k)), meta)
            : Penalty(fe.Slice(1, n, k), meta);
        if (LambdaC > 0 && !float.IsPositiveInfinity(LambdaC))
        {
            loss = loss.Add(Penalty(Cosines(fe, f.Slice(0, n, k)), meta).Mul(LambdaC));
        }

        return new SubLosses([SubLoss.Reduced("loss", loss)]);
    }

    // F = (1 − α)·(I − α·S̄)⁻¹ over the embeddings and proxies. x: (n, l) -> (n + K, n + K)
    private Tensor RandomWalk(Tensor x, int size)
    {
        var nodes = Tensor.Concat([x, Proxies], 0);
        var offDiagonal = Tensor.Ones(size, size);
        var identity = Tensor.Zeros(size, size);
        for (int i = 0; i < size; i++)
        {
            offDiagonal.Span[i * size + i] = 0f;
            identity.Span[i * size + i] = 1f;
        }

        var s = Distance.Matrix(nodes).ClampMin(0f).Mul(2f).Exp().Mul(offDiagonal);
        var dInvSqrt = s.Sum(1).Pow(-0.5f);
        var normalised = s.Mul(dInvSqrt.Reshape(size, 1)).Mul(dInvSqrt.Reshape(1, size));
        return SpdInverse.Invert(identity.Sub(normalised.Mul(Alpha))).Mul(1f - Alpha);
    }

    // Cosines between the embeddings' rows and the proxies' rows of F. (n, n + K), (K, n + K) -> (n, K)
    private static Tensor Cosines(Tensor fe, Tensor fp) =>
        fe.L2Normalize(1).MatMul(fp.L2Normalize(1), transB: true);

    // mean_i log(1 + Σ_{k ≠ c_i, z_ik ≥ 0} exp z_ik) with z_ik = v_ik − v_ic_i + m. v: (n, K) -> ()
    private Tensor Penalty(Tensor v, int[] meta)
    {
        int n = v.Dim(0), k = v.Dim(1);
        var rows = Enumerable.Range(0, n).ToArray();
        var z = v.Sub(LossOps.GatherPairs(v, rows, meta).Reshape(n, 1)).Add(Margin);
        var keep = new byte[n * k];
        var zs = z.Span;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                keep[i * k + c] = (byte)(c != meta[i] && zs[i * k + c] >= 0 ? 1 : 0);
            }
        }

        return LossOps.MaskedRowLogSumExp(z, keep, 1f, 0f, addOne: true).Mean();
    }

    // The given meta-classes, checked, or PML's random assignment: arange(K) and N − K uniform draws, shuffled.
    private int[] MetaClasses(int[]? labels, int n)
    {
        if (labels is not null)
        {
            int bad = Array.FindIndex(labels, l => (uint)l >= (uint)NumProxies);
            return bad < 0 ? labels : throw new ArgumentException(
                $"ManifoldLoss: label {labels[bad]} at position {bad} is not a proxy index in [0, {NumProxies}).");
        }

        if (n < NumProxies)
        {
            throw new ArgumentException($"ManifoldLoss: a random assignment gives each of the {NumProxies} proxies " +
                $"a member, which needs at least that many embeddings; got {n}. Pass the meta-classes as labels.");
        }

        var meta = new int[n];
        for (int i = 0; i < n; i++)
        {
            meta[i] = i < NumProxies ? i : _rng.NextInt(NumProxies);
        }

        _rng.Shuffle(meta.AsSpan());
        return meta;
    }
}
