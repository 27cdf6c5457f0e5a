namespace Tango.Losses.Retrieval;

/// <summary>How <see cref="GistEmbedLoss"/> decides that a guide similarity marks a false negative.</summary>
public enum GistMarginStrategy
{
    /// <summary>Masked when guide(a, x) &gt; guide(a, p) − margin.</summary>
    Absolute,

    /// <summary>Masked when guide(a, x) &gt; guide(a, p)·(1 − margin).</summary>
    Relative,
}
