namespace Tango.NN.Serialization;

/// <summary>
/// What <see cref="SafeTensors.LoadInto"/> did not match (PyTorch's <c>load_state_dict</c> result): names the
/// module has but the file lacks, and names in the file the module does not have.
/// </summary>
public sealed record LoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
