using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tango.Core.Kernels;

/// <summary>
/// Per-thread packing buffers, grown on demand and kept for the thread's lifetime, so steady-state matmuls
/// allocate nothing. They live on the pinned object heap (raw pointers stay valid) and are 64-byte aligned so
/// packed panels never straddle cache lines more than necessary.
/// </summary>
internal sealed unsafe class GemmBuffers
{
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static GemmBuffers? _current;

    private float[] _a = [];
    private float[] _b = [];
    private float[] _shared = [];

    /// <summary>The calling thread's buffers.</summary>
    public static GemmBuffers Current => _current ??= new GemmBuffers();

    /// <summary>At least <paramref name="floats"/> floats for packed A, valid until this thread's next call.</summary>
    public float* A(int floats) => Aligned(ref _a, floats);

    /// <summary>At least <paramref name="floats"/> floats for packed B, valid until this thread's next call.</summary>
    public float* B(int floats) => Aligned(ref _b, floats);

    /// <summary>
    /// At least <paramref name="floats"/> floats for an operand packed by this thread and read by the workers of
    /// its parallel call; valid until the next call on this thread.
    /// </summary>
    public float* Shared(int floats) => Aligned(ref _shared, floats);

    private static float* Aligned(ref float[] buffer, int floats)
    {
        if (buffer.Length < floats + AlignFloats)
        {
            buffer = GC.AllocateUninitializedArray<float>(floats + AlignFloats, pinned: true);
        }

        // Pinned-heap arrays never move, so the address taken here stays valid while the array is referenced.
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        nint aligned = (address + (AlignFloats * sizeof(float) - 1)) & ~(nint)(AlignFloats * sizeof(float) - 1);
        return (float*)aligned;
    }
}
