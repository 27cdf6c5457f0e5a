namespace Tango.Mining;

/// <summary>
/// The negatives chosen for one (query, positive) pair, best first. Indices are rows of the query and corpus
/// matrices; scores are the miner's metric (inner product or cosine similarity).
/// </summary>
/// <param name="Query">Query row.</param>
/// <param name="Positive">Corpus row of the positive.</param>
/// <param name="PositiveScore">Score of (query, positive).</param>
/// <param name="Negatives">Corpus rows of the chosen negatives, best first (may be fewer than asked).</param>
/// <param name="NegativeScores">Their scores, in the same order.</param>
public sealed record MinedRow(int Query, int Positive, float PositiveScore, int[] Negatives, float[] NegativeScores);
