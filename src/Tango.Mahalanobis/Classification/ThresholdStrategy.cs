namespace Tango.Mahalanobis;

/// <summary>How <see cref="MahalanobisPairClassifier.CalibrateThreshold"/> picks the distance threshold.</summary>
public enum ThresholdStrategy
{
    /// <summary>Maximise accuracy on the validation pairs.</summary>
    Accuracy,

    /// <summary>Maximise the F-beta score of the "similar" class.</summary>
    FBeta,

    /// <summary>Highest true positive rate with true negative rate at least the minimum rate.</summary>
    MaxTpr,

    /// <summary>Highest true negative rate with true positive rate at least the minimum rate.</summary>
    MaxTnr,
}
