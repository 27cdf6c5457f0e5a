namespace Tango.Core.Kernels;

/// <summary>
/// A register-tiled SGEMM micro-kernel and the cache blocking tuned for it. The blocked driver is generic over
/// the kernel (a struct), so the JIT specializes it and the sizes below become constants.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of the C tile held in registers (A is broadcast along them).</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the C tile held in registers (B is loaded as vectors along them).</summary>
    static abstract int Nr { get; }

    /// <summary>Depth of a packed block: an A micro-panel of Kc·Mr floats stays in L1.</summary>
    static abstract int Kc { get; }

    /// <summary>Rows of a packed A block (L3-resident, reused across every B block).</summary>
    static abstract int Mc { get; }

    /// <summary>Columns of a packed B block: Kc·Nc floats stay in L2 while A micro-panels sweep over it.</summary>
    static abstract int Nc { get; }

    /// <summary>
    /// c = alpha·a·b + beta·c on one full Mr×Nr tile; beta = 0 never reads c.
    /// </summary>
    // a: packed (kc, Mr), b: packed (kc, Nr) -> c: (Mr, Nr) with row stride ldc
    static abstract void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta);
}
