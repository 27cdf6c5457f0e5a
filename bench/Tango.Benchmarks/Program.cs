using BenchmarkDotNet.Running;
using Tango.Benchmarks;

if (args.Contains("--kernel-probe"))
{
    KernelProbe.Run();
    return;
}

if (args.Contains("--gemm-table"))
{
    GemmTable.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
