using System.CommandLine;
using Spectre.Console;
using Tango.Losses.Catalog;

namespace Tango.Cli;

/// <summary>
/// `tango list`: the catalogue of losses, miners, distances, reducers and regularisers with every parameter, its
/// type and default; `tango list NAME` describes one component in full.
/// </summary>
internal static class ListCommand
{
    public static Command Build()
    {
        var name = new Argument<string?>("name")
        {
            Description = "A component to describe in full (e.g. MultiSimilarityLoss).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var kind = new Option<string?>("--kind", "-k")
        {
            Description = "Only this family: loss, miner, distance, reducer or regularizer.",
        };
        var command = new Command("list", "List the catalogue: every loss, miner, distance, reducer and regularizer " +
            "with its parameters and defaults, usable by name in `tango train --loss/--miner/--distance`.")
        {
            name, kind,
        };
        command.SetAction(parse => CliErrors.Guard("list", () => Run(parse.GetValue(name), parse.GetValue(kind))));
        return command;
    }

    private static int Run(string? name, string? kindText)
    {
        var console = Terminal.Create();
        if (name is not null)
        {
            Describe(console, LossCatalog.Find(name));
            return 0;
        }

        var kinds = kindText is null ? Enum.GetValues<ComponentKind>() : [ParseKind(kindText)];
        foreach (var kind in kinds)
        {
            var table = new Table().Title(kind == ComponentKind.Loss ? "Losses" : $"{kind}s").Expand();
            table.AddColumn(new TableColumn("name").NoWrap());
            table.AddColumn("parameters (default)");
            table.AddColumn("what it does");
            foreach (var d in LossCatalog.OfKind(kind))
            {
                table.AddRow(Markup.Escape(d.Name),
                    Markup.Escape(string.Join(", ", d.Parameters.Select(p => $"{p.Name}={p.DefaultText}"))),
                    Markup.Escape(d.Summary));
            }

            console.Write(table);
        }

        console.MarkupLine("Details of one component: [bold]tango list NAME[/]. Set parameters with " +
            "[bold]--loss-param name=value[/] / [bold]--miner-param name=value[/].");
        return 0;
    }

    private static void Describe(IAnsiConsole console, ComponentDescriptor d)
    {
        console.MarkupLine($"[bold]{Markup.Escape(d.Name)}[/] ({d.Kind}): {Markup.Escape(d.Summary)}");
        var table = new Table();
        table.AddColumn("parameter");
        table.AddColumn("type");
        table.AddColumn("default");
        table.AddColumn("description");
        foreach (var p in d.Parameters)
        {
            table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.TypeName), Markup.Escape(p.DefaultText),
                Markup.Escape(p.Description));
        }

        console.Write(table);
    }

    private static ComponentKind ParseKind(string text)
    {
        string t = text.Trim().TrimEnd('s').Replace("regulariser", "regularizer", StringComparison.OrdinalIgnoreCase);
        return Enum.TryParse<ComponentKind>(t, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"--kind must be one of loss, miner, distance, reducer, regularizer; " +
                $"got '{text}'.");
    }
}
