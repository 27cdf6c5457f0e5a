using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

public class GemmTests
{
    public static readonly TheoryData<bool, bool> Combos =
        new() { { false, false }, { true, false }, { false, true }, { true, true } };

    // Block and register-tile edges of every kernel: Mr ∈ {4, 6, 12}, Nr ∈ {4, 8, 16, 32}, Kc = 256, Nc = 512.
    private static readonly int[] Spread = [31, 32, 33, 63, 64, 65, 127, 255, 257, 300];

    private static readonly int[] TileM = [1, 3, 4, 5, 6, 7, 11, 12, 13, 25];

    private static readonly int[] TileN = [1, 3, 4, 5, 8, 9, 15, 16, 17, 31, 32, 33, 65];

    private static readonly int[] TileK = [1, 2, 17, 257];

    [Theory]
    [MemberData(nameof(Combos))]
    public void SmallShapes_Exhaustive_BothStrategies(bool transA, bool transB)
    {
        for (int m = 0; m <= 20; m++)
        {
            for (int n = 0; n <= 20; n++)
            {
                for (int k = 0; k <= 20; k++)
                {
                    GemmCase.Check(transA, transB, m, n, k, direct: true);
                    GemmCase.Check(transA, transB, m, n, k, direct: false);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Combos))]
    public void BlockEdges_EachDimensionAcrossTheSpread(bool transA, bool transB)
    {
        foreach (int s in Spread)
        {
            GemmCase.Check(transA, transB, s, 33, 65, alpha: 0.75f, beta: 0.5f);
            GemmCase.Check(transA, transB, 65, s, 31, beta: 1f);
            GemmCase.Check(transA, transB, 31, 65, s);
            GemmCase.Check(transA, transB, s, s, s, alpha: -1.5f, threads: 2);
        }
    }

    [Theory]
    [MemberData(nameof(Combos))]
    public void OuterBlockEdges_McNcKc(bool transA, bool transB)
    {
        GemmCase.Check(transA, transB, 1537, 33, 9, direct: false);  // Mc = 1536
        GemmCase.Check(transA, transB, 13, 513, 9, direct: false);   // Nc = 512
        GemmCase.Check(transA, transB, 13, 35, 513, direct: false);  // Kc = 256: three k blocks
    }

    [Theory]
    [MemberData(nameof(Combos))]
    public void Large_513_TwoThreads(bool transA, bool transB) =>
        GemmCase.Check(transA, transB, 513, 513, 513, alpha: 0.5f, beta: 0.5f, threads: 2,
            sampleRows: [0, 1, 11, 12, 13, 255, 256, 257, 500, 511, 512]);

    [Theory]
    [MemberData(nameof(Combos))]
    public void StridedViews_UnalignedOffsetsAndPaddedRows(bool transA, bool transB)
    {
        foreach (var (m, n, k) in new[] { (7, 9, 5), (13, 33, 17), (65, 70, 129), (200, 40, 300) })
        {
            foreach (int offset in new[] { 1, 3 })
            {
                GemmCase.Check(transA, transB, m, n, k, beta: 0.5f, pad: 5, offset: offset, direct: false);
                GemmCase.Check(transA, transB, m, n, k, beta: 1f, pad: 3, offset: offset, direct: true);
                GemmCase.Check(transA, transB, m, n, k, pad: 1, offset: offset, threads: 2);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Combos))]
    public void AlphaBetaVariants_IncludingNaNInCWhenBetaIsZero(bool transA, bool transB)
    {
        foreach (float beta in new[] { 0f, 1f, 0.5f })
        {
            foreach (float alpha in new[] { 1f, -2f, 0.25f, 0f })
            {
                GemmCase.Check(transA, transB, 37, 45, 29, alpha, beta, direct: false);
                GemmCase.Check(transA, transB, 37, 45, 29, alpha, beta, direct: true);
                GemmCase.Check(transA, transB, 150, 130, 120, alpha, beta, threads: 2);
            }
        }
    }

    // The kernel path is internal, so the theory takes its name.
    [Theory]
    [InlineData(nameof(GemmPath.Vector512))]
    [InlineData(nameof(GemmPath.Vector256))]
    [InlineData(nameof(GemmPath.Vector128))]
    [InlineData(nameof(GemmPath.Scalar))]
    public void EveryKernelPath_MatchesReferenceAtItsTileEdges(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        // Without AVX-512 hardware Vector512 runs in software: still correct, only slow, so fewer shapes.
        bool slow = path == GemmPath.Vector512 && !Avx512F.IsSupported && !Vector512.IsHardwareAccelerated;
        foreach (var (transA, transB) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            foreach (int m in slow ? [1, 13] : TileM)
            {
                foreach (int n in slow ? [31, 33] : TileN)
                {
                    foreach (int k in slow ? [17] : TileK)
                    {
                        GemmCase.Check(transA, transB, m, n, k, alpha: 1.25f, beta: m % 2 == 0 ? 0f : 0.5f,
                            path: path, direct: false);
                    }
                }
            }

            GemmCase.Check(transA, transB, 70, 90, 300, path: path, threads: 2, pad: 2, offset: 1);
            foreach (var (m, n) in new[] { (1, 1), (3, 17), (9, 10), (13, 33), (5, 63) })
            {
                GemmCase.Check(transA, transB, m, n, 19, beta: 0.5f, path: path, direct: true);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SteadyState_AllocatesNothing(bool direct)
    {
        int m = direct ? 40 : 200, n = direct ? 30 : 150, k = direct ? 50 : 300;
        var a = SeededCases.Uniform(1, m * k);
        var b = SeededCases.Uniform(2, n * k);
        var c = new float[m * n];
        Gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n, GemmPath.Auto, 1, direct);  // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n, GemmPath.Auto, 1, direct);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [MemberData(nameof(Combos))]
    public void ParallelSharedOperand_SeveralBlocks(bool transA, bool transB)
    {
        // Wide C shares packed A in row blocks of at most Mc (512 for the scalar kernel); tall C shares packed B
        // in column blocks of at most Nc = 512.
        GemmCase.Check(transA, transB, 530, 540, 20, beta: 0.5f, path: GemmPath.Scalar, threads: 2);
        GemmCase.Check(transA, transB, 600, 520, 20, beta: 0.5f, threads: 2, sampleRows: [0, 11, 12, 599]);
    }

    [Theory]
    [MemberData(nameof(Combos))]
    public void ThreadCount_DoesNotChangeBits(bool transA, bool transB)
    {
        foreach (var (m, n, k) in new[] { (333, 257, 129), (129, 333, 300), (64, 1000, 70) })
        {
            var one = GemmCase.Run(transA, transB, m, n, k, threads: 1);
            var two = GemmCase.Run(transA, transB, m, n, k, threads: 2);
            var again = GemmCase.Run(transA, transB, m, n, k, threads: 2);
            Assert.True(one.AsSpan().SequenceEqual(two), $"1 vs 2 threads differ at ({m}, {n}, {k})");
            Assert.True(two.AsSpan().SequenceEqual(again), $"two 2-thread runs differ at ({m}, {n}, {k})");
        }
    }

    [Fact]
    public void PublicEntry_UsesDefaultsAndMatchesReference()
    {
        GemmCase.Check(false, true, 300, 280, 200, path: GemmPath.Auto, threads: Gemm.MaxThreads, direct: null);
        GemmCase.Check(true, false, 3, 4, 5, path: GemmPath.Auto, threads: Gemm.MaxThreads, direct: null);
        var a = SeededCases.Uniform(1, 40 * 30);
        var b = SeededCases.Uniform(2, 30 * 50);
        var expected = new float[40 * 50];
        var actual = new float[40 * 50];
        GemmReference.Sgemm(false, false, 40, 50, 30, 1f, a, 30, b, 50, 0f, expected, 50);
        Gemm.Sgemm(false, false, 40, 50, 30, 1f, a, 30, b, 50, 0f, actual, 50);
        Tolerance.Close(expected, actual, 1e-5, 1e-5, "C");
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var x = new float[12];
        Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, -1, 2, 2, 1f, x, 2, x, 2, 0f, x, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 4, 4, 4, 1f, x, 4, x, 4, 0f, x, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 2, 1f, x, 1, x, 2, 0f, x, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MaxThreads = 0);
    }
}
