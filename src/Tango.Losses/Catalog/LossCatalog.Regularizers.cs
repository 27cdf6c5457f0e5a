using Tango.Losses.Regularizers;

namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // One line per regulariser.
    private static void AddRegularizers(List<ComponentDescriptor> list)
    {
        const ComponentKind G = ComponentKind.Regularizer;
        list.Add(Describe<LpRegularizer>(G, "p-norm of each row, to a power."));
        list.Add(Describe<ZeroMeanRegularizer>(G, "|sum of components| of each row."));
        list.Add(Describe<CenterInvariantRegularizer>(G, "Equal squared norms of class weights (Wu et al. 2017)."));
        list.Add(Describe<RegularFaceRegularizer>(G, "Largest cosine to another class weight (Zhao et al. 2019)."));
        list.Add(Describe<SparseCentersRegularizer>(G, "Merges a class's redundant centres (Qian et al. 2019)."));
    }
}
