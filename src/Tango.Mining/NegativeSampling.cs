namespace Tango.Mining;

/// <summary>How negatives are drawn from the candidates left in the rank window (sentence-transformers'
/// <c>sampling_strategy</c>).</summary>
public enum NegativeSampling
{
    /// <summary>The hardest ones: the highest-scoring candidates of the window, best first.</summary>
    Top,

    /// <summary>A seeded uniform sample without replacement from the window, reported best first.</summary>
    Random,
}
