using BenchmarkDotNet.Running;
using Tango.Benchmarks;

// Plain-table modes (side by side with a peer in one run); anything else goes to BenchmarkDotNet.
var modes = new Dictionary<string, Action<string[]>>
{
    ["--gemm-table"] = GemmTable.Run,
    ["--train-step"] = TrainStep.Run,
    ["--knn-table"] = KnnTable.Run,
    ["--loss-table"] = LossTable.Run,
    ["--data-table"] = Tango.Benchmarks.Data.DataTable.Run,
};

foreach (var (flag, run) in modes)
{
    if (args.Contains(flag))
    {
        run(args);
        return;
    }
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
