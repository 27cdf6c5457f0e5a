using Tango.Losses.Distances;

namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // One line per distance.
    private static void AddDistances(List<ComponentDescriptor> list)
    {
        const ComponentKind D = ComponentKind.Distance;
        list.Add(Describe<LpDistance>(D, "Minkowski distance (Euclidean by default) on normalised embeddings."));
        list.Add(Describe<CosineSimilarity>(D, "Cosine similarity (larger is closer)."));
        list.Add(Describe<DotProductSimilarity>(D, "Dot product (larger is closer)."));
        list.Add(Describe<SnrDistance>(D, "Signal-to-noise ratio var(r − q)/var(q) (Yuan et al. 2019)."));
    }
}
