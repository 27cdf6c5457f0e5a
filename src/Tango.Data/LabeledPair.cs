namespace Tango.Data;

/// <summary>
/// A pair of items (texts or ids) with a target: +1/−1 (similar/dissimilar), 1/0, or a graded similarity score.
/// </summary>
/// <param name="A">The first item.</param>
/// <param name="B">The second item.</param>
/// <param name="Score">The target; 1 when the file has no score column.</param>
public readonly record struct LabeledPair(string A, string B, float Score);
