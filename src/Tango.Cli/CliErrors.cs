using System.Text.Json;
using Tango.Core.IO;

namespace Tango.Cli;

/// <summary>
/// Turns the user's mistakes (bad arguments, missing or malformed files) into one line on stderr and exit code 2;
/// anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CliErrors
{
    public const int UsageExitCode = 2;

    /// <summary>Runs <paramref name="action"/>, mapping user errors to <see cref="UsageExitCode"/>.</summary>
    public static int Guard(string command, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            return Fail(command, ex.Message);
        }
    }

    /// <summary>Prints "tango COMMAND: MESSAGE" on stderr and returns <see cref="UsageExitCode"/>.</summary>
    public static int Fail(string command, string message)
    {
        Console.Error.WriteLine($"tango {command}: {message.ReplaceLineEndings(" ")}");
        return UsageExitCode;
    }

    private static bool IsUserError(Exception ex) => ex is ArgumentException or IOException or FormatException
        or InvalidDataException or NpyFormatException or JsonException or UnauthorizedAccessException
        or InvalidOperationException { Source: "Tango.Training" } or OperationCanceledException;
}
