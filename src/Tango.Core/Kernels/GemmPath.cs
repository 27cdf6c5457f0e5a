namespace Tango.Core.Kernels;

/// <summary>Which micro-kernel the blocked SGEMM runs; tests force each one on the same machine.</summary>
internal enum GemmPath
{
    /// <summary>The widest accelerated kernel.</summary>
    Auto,

    /// <summary><see cref="GemmKernel512"/>.</summary>
    Vector512,

    /// <summary><see cref="GemmKernel256"/>.</summary>
    Vector256,

    /// <summary><see cref="GemmKernel128"/>.</summary>
    Vector128,

    /// <summary><see cref="GemmKernelScalar"/> (and scalar loops in the direct small-problem path).</summary>
    Scalar,
}
