namespace Tango.Losses;

/// <summary>
/// How <see cref="PnpLoss"/> turns a positive's soft count r of negatives ranked above it into a loss
/// (Li et al. 2022, "Rethinking the Optimization of Average Precision: Only Penalizing Negative Instances before
/// Positive Ones is Enough", section 3.3).
/// </summary>
public enum PnpVariant
{
    /// <summary>PNP-D_s: log(1 + r), decreasing slope.</summary>
    Ds,

    /// <summary>PNP-D_q: 1 − mean (1 + r)^(−α), decreasing slope (the loss is one minus the mean).</summary>
    Dq,

    /// <summary>PNP-I_u: (1 + r)·log(1 + r), increasing slope.</summary>
    Iu,

    /// <summary>PNP-I_b: (b·r − log(1 + b·r)) / b², increasing then bounded slope.</summary>
    Ib,

    /// <summary>PNP-O: r itself, constant slope (PML's default).</summary>
    O,
}
