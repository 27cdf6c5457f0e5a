using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// One named part of a loss before reduction — PML's <c>{"losses", "indices", "reduction_type"}</c> entry of a
/// loss dictionary, typed. <see cref="Losses"/> is null for a zero loss (nothing to learn from).
/// </summary>
public sealed record SubLoss
{
    private SubLoss(string name, Tensor? losses, ReductionType reduction, int[]? anchors, int[]? others,
        int[]? negatives, float? divisor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Losses = losses;
        Reduction = reduction;
        Anchors = anchors;
        Others = others;
        Negatives = negatives;
        Divisor = divisor;
        Check();
    }

    /// <summary>The sub-loss's name (PML's dictionary key: "loss", "pos_loss", "embedding_reg_loss", ...).</summary>
    public string Name { get; }

    /// <summary>The unreduced losses (rank 1), a single value for <see cref="ReductionType.AlreadyReduced"/>, or
    /// null when the sub-loss is zero.</summary>
    public Tensor? Losses { get; }

    /// <summary>What each entry of <see cref="Losses"/> is.</summary>
    public ReductionType Reduction { get; }

    /// <summary>Element indices (Element), or the anchor (batch index) of each pair or triplet.</summary>
    public int[]? Anchors { get; }

    /// <summary>The positive or negative of each pair, or the positive of each triplet (reference indices).</summary>
    public int[]? Others { get; }

    /// <summary>The negative of each triplet.</summary>
    public int[]? Negatives { get; }

    /// <summary>
    /// What <see cref="Reducers.DivisorReducer"/> divides the sum by (PML's "divisor"), when the loss sets one.
    /// </summary>
    public float? Divisor { get; }

    /// <summary>True when the sub-loss is PML's zero loss (nothing to reduce).</summary>
    public bool IsZero => Losses is null;

    /// <summary>The number of unreduced entries (0 for a zero loss).</summary>
    public int Count => Losses?.Size ?? 0;

    /// <summary>A zero sub-loss: reducers return a zero connected to the embeddings.</summary>
    public static SubLoss Zero(string name) => new(name, null, ReductionType.AlreadyReduced, null, null, null, null);

    /// <summary>One loss per element, with the element each refers to.</summary>
    public static SubLoss PerElement(string name, Tensor losses, int[] indices, float? divisor = null) =>
        new(name, losses, ReductionType.Element, indices, null, null, divisor);

    /// <summary>One loss per pair (positive or negative as <paramref name="reduction"/> says).</summary>
    public static SubLoss PerPair(string name, Tensor losses, ReductionType reduction, int[] anchors, int[] others,
        float? divisor = null)
    {
        if (reduction is not (ReductionType.PosPair or ReductionType.NegPair))
        {
            throw new ArgumentException($"PerPair needs PosPair or NegPair; got {reduction}.", nameof(reduction));
        }

        return new(name, losses, reduction, anchors, others, null, divisor);
    }

    /// <summary>One loss per triplet.</summary>
    public static SubLoss PerTriplet(string name, Tensor losses, TripletIndices triplets, float? divisor = null) =>
        new(name, losses, ReductionType.Triplet, triplets.A, triplets.P, triplets.N, divisor);

    /// <summary>A value that is already reduced (rank 0 or a single element).</summary>
    public static SubLoss Reduced(string name, Tensor value) =>
        new(name, value, ReductionType.AlreadyReduced, null, null, null, null);

    /// <summary>The same entries under another name.</summary>
    public SubLoss WithName(string name) => new(name, Losses, Reduction, Anchors, Others, Negatives, Divisor);

    private void Check()
    {
        if (Losses is null)
        {
            return;
        }

        if (Reduction == ReductionType.AlreadyReduced)
        {
            if (Losses.Size != 1)
            {
                throw new ArgumentException($"Sub-loss '{Name}': an already-reduced value must have one element; " +
                    $"got shape {Losses.ShapeString}.");
            }

            return;
        }

        int n = Losses.Size;
        bool ok = Losses.Rank == 1 && Anchors?.Length == n
            && (Reduction == ReductionType.Element || Others?.Length == n)
            && (Reduction != ReductionType.Triplet || Negatives?.Length == n);
        if (!ok)
        {
            throw new ArgumentException(
                $"Sub-loss '{Name}' ({Reduction}): losses of shape {Losses.ShapeString} need one index per entry " +
                $"(anchors {Anchors?.Length}, others {Others?.Length}, negatives {Negatives?.Length}).");
        }
    }
}
