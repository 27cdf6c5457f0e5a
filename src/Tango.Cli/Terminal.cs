using Spectre.Console;

namespace Tango.Cli;

/// <summary>The console the commands write to: Spectre.Console over the current <see cref="Console.Out"/>.</summary>
internal static class Terminal
{
    public static IAnsiConsole Create() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Out),
        Interactive = Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
    });

    /// <summary>Live progress bars only on an interactive terminal; logs and pipes get one line per epoch.</summary>
    public static bool IsInteractive(IAnsiConsole console) =>
        !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
}
