namespace Tango.Core.IO;

/// <summary>The element types Tango reads from and writes to NumPy <c>.npy</c> files.</summary>
public enum NpyDType
{
    /// <summary><c>&lt;f4</c>: IEEE single precision.</summary>
    Float32,

    /// <summary><c>&lt;f8</c>: IEEE double precision.</summary>
    Float64,

    /// <summary><c>&lt;i4</c>: signed 32-bit integer.</summary>
    Int32,

    /// <summary><c>&lt;i8</c>: signed 64-bit integer.</summary>
    Int64,

    /// <summary><c>|u1</c>: unsigned byte.</summary>
    UInt8,
}
