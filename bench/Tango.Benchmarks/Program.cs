using BenchmarkDotNet.Running;

if (args.Contains("--loss-table"))
{
    return Tango.Benchmarks.LossTable.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
