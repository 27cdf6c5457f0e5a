using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tango.Core;
using Tango.Data;
using Tango.NN.Serialization;
using Tango.Training;

namespace Tango.Cli;

/// <summary>`tango embed`: applies a trained run's model to a feature file and writes the embeddings as .npy.
/// </summary>
internal static class EmbedCommand
{
    public static Command Build()
    {
        var run = new Option<string>("--run", "-r")
        {
            Description = "The run folder written by `tango train` (or its model.safetensors).",
            Required = true,
        };
        var input = new Option<string>("--input", "-i")
        {
            Description = "Features to embed: .npy, .npy.gz or .csv/.tsv with the training data's width.",
            Required = true,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write the embeddings (.npy, or .npy.gz to compress).",
            Required = true,
        };
        var threads = new Option<int>("--threads") { Description = "Threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("embed", "Apply a trained model to a feature file and write the embeddings as .npy.")
        {
            run, input, output, threads,
        };
        command.SetAction(p => CliErrors.Guard("embed", () =>
            Run(p.GetValue(run)!, p.GetValue(input)!, p.GetValue(output)!, p.GetValue(threads))));
        return command;
    }

    private static int Run(string run, string input, string output, int threads)
    {
        Tango.Core.Kernels.Gemm.MaxThreads = Math.Max(1, threads);
        string modelPath = Directory.Exists(run) ? Path.Combine(run, "model.safetensors") : run;
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"'{modelPath}' does not exist; give a run folder written by `tango train`.",
                modelPath);
        }

        var model = LoadModel(modelPath, out var spec);
        var x = FeatureFile.Read(input);
        if (x.Dim(1) != spec.InputDim)
        {
            throw new InvalidDataException($"'{input}' has {x.Dim(1)} columns; the model in '{modelPath}' takes " +
                $"{spec.InputDim}.");
        }

        var y = HeldOutEvaluator.Embed(model, x);
        NpyFile.Write(output, y);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {y.Dim(0)} × {y.Dim(1)} embeddings to {output}"));
        return 0;
    }

    /// <summary>Rebuilds the MLP from the spec in the file's metadata and loads its weights.</summary>
    internal static Tango.NN.Module LoadModel(string path, out MlpSpec spec)
    {
        var metadata = SafeTensors.LoadMetadata(path);
        if (!metadata.TryGetValue(RunFolder.SpecKey, out var json))
        {
            throw new InvalidDataException($"'{path}' has no '{RunFolder.SpecKey}' metadata; it was not written by " +
                "`tango train`.");
        }

        spec = JsonSerializer.Deserialize<MlpSpec>(json)
            ?? throw new InvalidDataException($"'{path}': empty '{RunFolder.SpecKey}' metadata.");
        var model = spec.Build(new Rng(0));
        SafeTensors.LoadInto(model, path);
        return model;
    }
}
