using BenchmarkDotNet.Attributes;
using Tango.Core.Kernels;

namespace Tango.Benchmarks;

/// <summary>
/// Tango's SGEMM against OpenBLAS (when libopenblas is installed) on the standard shapes, 1 and 2 threads.
/// For a quick plain table of GFLOP/s use `--gemm-table` instead.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    public static IEnumerable<GemmShape> Shapes => GemmShape.Standard;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.Standard[0];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = [.. Enumerable.Range(0, Shape.M * Shape.K).Select(_ => rng.NextSingle() - 0.5f)];
        _b = [.. Enumerable.Range(0, Shape.K * Shape.N).Select(_ => rng.NextSingle() - 0.5f)];
        _c = new float[Shape.M * Shape.N];
    }

    [Benchmark(Baseline = true)]
    public void TangoSgemm() => Gemm.Sgemm(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K, 1f, _a, Shape.Lda, _b,
        Shape.Ldb, 0f, _c, Shape.N, GemmPath.Auto, Threads, null);

    [Benchmark]
    public void OpenBlasSgemm()
    {
        if (!OpenBlas.IsAvailable)
        {
            throw new InvalidOperationException("libopenblas.so.0 not found; install libopenblas0-pthread.");
        }

        OpenBlas.SetThreads(Threads);
        OpenBlas.Sgemm(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K, 1f, _a, Shape.Lda, _b, Shape.Ldb, 0f,
            _c, Shape.N);
    }
}
