namespace Tango.Core.IO;

/// <summary>
/// A <c>.npy</c> file that Tango cannot read: bad magic, an unsupported dtype, Fortran order, a malformed header or
/// truncated data. The message names the file and what is wrong; <see cref="FilePath"/> holds the file.
/// </summary>
public sealed class NpyFormatException : IOException
{
    /// <summary>Creates the exception with a message that already names the file.</summary>
    public NpyFormatException(string filePath, string problem)
        : base($"NumPy file '{filePath}': {problem}")
    {
        FilePath = filePath;
    }

    /// <summary>Required by the exception pattern; prefer the (file, problem) constructor.</summary>
    public NpyFormatException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Required by the exception pattern; prefer the (file, problem) constructor.</summary>
    public NpyFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Required by the exception pattern; prefer the (file, problem) constructor.</summary>
    public NpyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }
}
