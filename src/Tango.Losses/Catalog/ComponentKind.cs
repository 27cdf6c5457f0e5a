namespace Tango.Losses.Catalog;

/// <summary>The families in the <see cref="LossCatalog"/>.</summary>
public enum ComponentKind
{
    /// <summary>A loss (<see cref="IMetricLoss"/>) or a loss wrapper.</summary>
    Loss,

    /// <summary>A miner.</summary>
    Miner,

    /// <summary>A distance or similarity.</summary>
    Distance,

    /// <summary>A reducer.</summary>
    Reducer,

    /// <summary>A regulariser.</summary>
    Regularizer,

    /// <summary>A loss over class scores or probabilities, not embeddings (Z-loss, Dice, Tversky).</summary>
    ScoreLoss,

    /// <summary>A loss over embedding columns (<see cref="Retrieval.IColumnLoss"/>) or its cached form.</summary>
    RetrievalLoss,
}
