using BenchmarkDotNet.Running;
using Tango.Benchmarks;

if (args.Contains("--gemm-table"))
{
    GemmTable.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
