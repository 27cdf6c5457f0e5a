using BenchmarkDotNet.Running;
using Tango.Benchmarks;

if (args.Contains("--gemm-table"))
{
    GemmTable.Run(args);
    return 0;
}

if (args.Contains("--train-step"))
{
    TrainStep.Run(args);
    return 0;
}

if (args.Contains("--loss-table"))
{
    return Tango.Benchmarks.LossTable.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
