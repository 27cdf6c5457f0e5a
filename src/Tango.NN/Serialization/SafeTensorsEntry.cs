namespace Tango.NN.Serialization;

/// <summary>One tensor's header record: offsets are relative to the data buffer that follows the header.</summary>
internal sealed record SafeTensorsEntry(string Name, string DType, int[] Shape, long Begin, long End);
