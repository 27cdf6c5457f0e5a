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
        return root;
    }
}
