namespace Tango.Data;

/// <summary>One judged corpus item of a query: its id and relevance grade (1 for a plain positive).</summary>
/// <param name="DocId">The corpus item's id.</param>
/// <param name="Grade">The relevance grade; greater than 0 means relevant (TREC's convention), 0 judged not
/// relevant.</param>
public readonly record struct Judgement(string DocId, float Grade);
