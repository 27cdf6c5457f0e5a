namespace Tango.Losses;

/// <summary>
/// What the entries of a sub-loss are, which decides how reducers weigh them (PML's <c>reduction_type</c>).
/// </summary>
public enum ReductionType
{
    /// <summary>One loss per batch element (or per row of some matrix); indices are element indices.</summary>
    Element,

    /// <summary>One loss per positive pair; indices are (anchor, positive).</summary>
    PosPair,

    /// <summary>One loss per negative pair; indices are (anchor, negative).</summary>
    NegPair,

    /// <summary>One loss per triplet; indices are (anchor, positive, negative).</summary>
    Triplet,

    /// <summary>
    /// Already a single value (a regulariser term, a learned-parameter penalty); reducers pass it through.
    /// </summary>
    AlreadyReduced,
}
