using BenchmarkDotNet.Running;
using Tango.Benchmarks;

if (args.Contains("--gemm-table"))
{
    GemmTable.Run(args);
    return;
}

if (args.Contains("--train-step"))
{
    TrainStep.Run(args);
    return;
}

if (args.Contains("--loss-table"))
{
    LossTable.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
