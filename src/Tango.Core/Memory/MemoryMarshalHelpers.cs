using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tango.Core.Memory;

/// <summary>Span views over multi-dimensional arrays.</summary>
internal static class MemoryMarshalHelpers
{
    /// <summary>A span over every element of a 2-D array, row-major.</summary>
    public static Span<float> AsSpan(float[,] array) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);
}
