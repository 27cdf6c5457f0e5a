using System.CommandLine;

namespace Tango.Cli;

/// <summary>The `tango` command tree. Wiring only: each action calls into the libraries.</summary>
public static class TangoCommand
{
    /// <summary>Builds the root command with its subcommands.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Tango: metric learning and contrastive representation learning for .NET.");
        root.Subcommands.Add(TrainCommand.Build());
        root.Subcommands.Add(MineCommand.Build());
        root.Subcommands.Add(FitCommand.Build());
        root.Subcommands.Add(EvalCommand.Build());
        root.Subcommands.Add(EmbedCommand.Build());
        root.Subcommands.Add(ListCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A parse error (unknown option, bad value, missing argument) is one
    /// line on stderr and exit code 2, like every other user error.
    /// </summary>
    public static int Run(string[] args)
    {
        var result = Build().Parse(args);
        if (result.Errors.Count > 0)
        {
            string command = result.CommandResult.Command.Name;
            Console.Error.WriteLine($"{(command == "tango" ? "tango" : "tango " + command)}: {result.Errors[0].Message}" +
                " (see --help)");
            return CliErrors.UsageExitCode;
        }

        return result.Invoke();
    }
}
