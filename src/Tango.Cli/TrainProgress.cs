using System.Globalization;
using Spectre.Console;
using Tango.Evaluation;
using Tango.Training;

namespace Tango.Cli;

/// <summary>Runs a trainer with live progress: a Spectre progress bar on a terminal, one line per epoch otherwise.
/// </summary>
internal static class TrainProgress
{
    public static TrainingResult Run(IAnsiConsole console, Trainer trainer, TrainData data, bool quiet)
    {
        trainer.EpochCompleted += (_, e) =>
        {
            if (!quiet)
            {
                console.MarkupLine(Markup.Escape(Line(e.Record, trainer.Options.Epochs)) +
                    (e.IsBest ? " [green]best[/]" : "") + (e.StoppingEarly ? " [yellow]early stop[/]" : ""));
            }
        };
        if (quiet || !Terminal.IsInteractive(console))
        {
            return trainer.Fit(data.TrainFeatures, data.TrainLabels);
        }

        TrainingResult? result = null;
        console.Progress().AutoClear(true).HideCompleted(true).Columns(
            new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: Math.Max(1,
                    (trainer.Options.Epochs - trainer.Epoch) * trainer.Sampler.BatchesPerEpoch));
                trainer.BatchCompleted += (_, e) =>
                {
                    task.Increment(1);
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"epoch {e.Epoch}/{trainer.Options.Epochs} loss {e.Loss:F4}");
                };
                result = trainer.Fit(data.TrainFeatures, data.TrainLabels);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static string Line(EpochRecord r, int epochs)
    {
        var text = r.Epoch == 0
            ? "before training"
            : string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch,3}/{epochs}  loss {r.Loss:F4}");
        if (r.Evaluated)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"  P@1 {r[AccuracyMetric.PrecisionAt1]:F4}  MAP@R {r[AccuracyMetric.MeanAveragePrecisionAtR]:F4}" +
                $"  NMI {r[AccuracyMetric.Nmi]:F4}");
        }

        return text + string.Create(CultureInfo.InvariantCulture, $"  ({r.Seconds:F1} s)");
    }
}
