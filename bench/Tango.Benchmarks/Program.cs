using BenchmarkDotNet.Running;
using Tango.Benchmarks;

if (args.Contains("--gemm-table"))
{
    GemmTable.Run(args);
    return;
}

if (args.Contains("--knn-table"))
{
    KnnTable.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
