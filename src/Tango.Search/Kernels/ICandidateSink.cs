namespace Tango.Search.Kernels;

/// <summary>
/// Where <see cref="TileScan"/> sends one query's candidates: it offers every candidate whose score is at least
/// <see cref="Threshold"/> (the score of the worst survivor, −∞ while there is room), in increasing column order.
/// </summary>
internal interface ICandidateSink
{
    float Threshold { get; }

    void Offer(float score, int id);
}

/// <summary>A bounded heap (<see cref="NeighborHeap"/>) over spans of one query's k slots.</summary>
internal readonly ref struct HeapSink(Span<float> scores, Span<int> ids) : ICandidateSink
{
    private readonly Span<float> _scores = scores;
    private readonly Span<int> _ids = ids;

    public float Threshold => _scores[0];

    public void Offer(float score, int id) => NeighborHeap.Push(_scores, _ids, score, id);
}

/// <summary>Sends candidates to a <see cref="Reservoir"/> (for large k).</summary>
internal readonly struct ReservoirSink(Reservoir reservoir) : ICandidateSink
{
    public float Threshold => reservoir.ThresholdScore;

    public void Offer(float score, int id) => reservoir.Offer(score, id);
}
