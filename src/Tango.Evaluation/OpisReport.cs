namespace Tango.Evaluation;

/// <summary>
/// Threshold consistency of an embedding space: the OPIS score and the per-class utility curves it summarises.
/// <see cref="Utilities"/>[c][s] is class c's F1 at <see cref="Thresholds"/>[s].
/// </summary>
public sealed record OpisReport(
    double Opis,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<int> Classes,
    IReadOnlyList<IReadOnlyList<double>> Utilities);
