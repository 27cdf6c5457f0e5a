using Tango.Losses.Reducers;

namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // One line per reducer.
    private static void AddReducers(List<ComponentDescriptor> list)
    {
        const ComponentKind R = ComponentKind.Reducer;
        list.Add(Describe<MeanReducer>(R, "Mean of the entries."));
        list.Add(Describe<SumReducer>(R, "Sum of the entries."));
        list.Add(Describe<AvgNonZeroReducer>(R, "Mean of the positive entries."));
        list.Add(Describe<ThresholdReducer>(R, "Mean of the entries strictly between low and high."));
        list.Add(Describe<DivisorReducer>(R, "Sum divided by the loss's own divisor."));
        list.Add(Describe<ClassWeightedReducer>(R, "Mean with a weight per anchor class."));
        list.Add(Describe<PerAnchorReducer>(R, "Mean per anchor first, then the inner reducer."));
        list.Add(Describe<DoNothingReducer>(R, "Leaves the entries unreduced."));
        list.Add(Describe<MultipleReducers>(R, "A reducer per sub-loss name."));
    }
}
