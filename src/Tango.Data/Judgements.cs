namespace Tango.Data;

/// <summary>
/// Retrieval judgements: for each query id, the judged corpus ids with their grades, in file order. Queries keep the
/// order of their first appearance. A grade greater than 0 marks a relevant item.
/// </summary>
public sealed class Judgements
{
    private readonly Dictionary<string, List<Judgement>> _byQuery = new(StringComparer.Ordinal);
    private readonly List<string> _queries = [];

    internal Judgements()
    {
    }

    /// <summary>The query ids in order of first appearance.</summary>
    public IReadOnlyList<string> QueryIds => _queries;

    /// <summary>The number of (query, item) judgements.</summary>
    public int Count { get; private set; }

    /// <summary>True when <paramref name="queryId"/> has judgements (possibly an empty list).</summary>
    public bool Contains(string queryId) => _byQuery.ContainsKey(queryId);

    /// <summary>The judged items of a query in file order; empty when the query is unknown.</summary>
    public IReadOnlyList<Judgement> For(string queryId) =>
        _byQuery.TryGetValue(queryId, out var list) ? list : [];

    /// <summary>The ids of a query's relevant items (grade &gt; 0).</summary>
    public IReadOnlyList<string> Relevant(string queryId) =>
        For(queryId).Where(j => j.Grade > 0).Select(j => j.DocId).ToArray();

    /// <summary>The distinct corpus ids judged for any query, in order of first appearance.</summary>
    public IReadOnlyList<string> DocIds() =>
        _queries.SelectMany(q => _byQuery[q]).Select(j => j.DocId).Distinct(StringComparer.Ordinal).ToArray();

    internal void AddQuery(string queryId)
    {
        if (!_byQuery.ContainsKey(queryId))
        {
            _byQuery[queryId] = [];
            _queries.Add(queryId);
        }
    }

    // The reader rejects repeated (query, item) pairs before adding.
    internal void Add(string queryId, string docId, float grade)
    {
        AddQuery(queryId);
        _byQuery[queryId].Add(new Judgement(docId, grade));
        Count++;
    }
}
