using Tango.Search;

namespace Tango.Mining;

/// <summary>
/// A second model's embeddings of the same queries and corpus (GISTEmbed's guide, Solatorio 2024): row i of
/// <see cref="Queries"/> is query i, row j of <see cref="Corpus"/> is corpus document j. The miner drops a
/// candidate of the pair (query, positive) when the guide scores it above that positive (less the margin).
/// </summary>
/// <param name="Queries">(queries, d′) guide embeddings of the queries.</param>
/// <param name="Corpus">(corpus, d′) guide embeddings of the corpus.</param>
/// <param name="Metric">The guide's similarity: <see cref="MetricKind.InnerProduct"/> or
/// <see cref="MetricKind.Cosine"/>.</param>
public sealed record GuideEmbeddings(VectorRows Queries, VectorRows Corpus, MetricKind Metric = MetricKind.Cosine);
