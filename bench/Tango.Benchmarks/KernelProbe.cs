using System.Diagnostics;
using Tango.Core.Kernels;

namespace Tango.Benchmarks;

internal static unsafe class KernelProbe
{
    public static void Run()
    {
        var xa = new float[256 * 784]; var xb = new float[512 * 784]; var xc = new float[256 * 512];
        for (int rep = 0; rep < 5; rep++)
        {

            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < 200; i++)
            {
                Gemm.Sgemm(false, true, 256, 512, 784, 1f, xa, 784, xb, 784, 0f, xc, 512, GemmPath.Auto, 2, null);
            }
            double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Console.WriteLine($"MLP fwd 2T: {2.0 * 256 * 512 * 784 * 200 / s / 1e9:F1} GFLOP/s");
        }
        if (Environment.ProcessorCount > 0) { return; }
        const int kc = 256;
        var a = GC.AllocateArray<float>(kc * 12 + 64, pinned: true);
        var b = GC.AllocateArray<float>(kc * 32 + 64, pinned: true);
        var c = GC.AllocateArray<float>(12 * 32 + 64, pinned: true);
        fixed (float* pa = a, pb = b, pc = c)
        {
            for (int rep = 0; rep < 5; rep++)
            {
                long calls = 200_000;
                long t0 = Stopwatch.GetTimestamp();
                for (long i = 0; i < calls; i++)
                {
                    GemmKernel512.Run(kc, pa, pb, pc, 32, 1f, 1f);
                }

                double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                Console.WriteLine($"kernel512 12x32 kc={kc}: {2.0 * 12 * 32 * kc * calls / s / 1e9:F1} GFLOP/s");
                t0 = Stopwatch.GetTimestamp();
                for (long i = 0; i < calls; i++)
                {
                    GemmKernel256.Run(kc, pa, pb, pc, 32, 1f, 1f);
                }

                s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                Console.WriteLine($"kernel256 6x16 kc={kc}: {2.0 * 6 * 16 * kc * calls / s / 1e9:F1} GFLOP/s");
            }
        }
    }

    private static void Pack()
    {
        var src = GC.AllocateArray<float>(2048 * 2048, pinned: true);
        var dst = GC.AllocateArray<float>(2048 * 2048, pinned: true);
        fixed (float* s = src, d = dst)
        {
            foreach (bool trans in new[] { false, true })
            {
                for (int rep = 0; rep < 3; rep++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    for (int i = 0; i < 20; i++)
                    {
                        GemmPacking.PackA<GemmKernel512>(trans, s, 2048, 512, 256, d);
                    }

                    double us = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / 20;
                    t0 = Stopwatch.GetTimestamp();
                    for (int i = 0; i < 20; i++)
                    {
                        GemmPacking.PackB<GemmKernel512>(trans, s, 2048, 256, 512, d);
                    }

                    double us2 = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / 20;
                    Console.WriteLine($"trans={trans} packA 512x256: {us:F1} us  packB 256x512: {us2:F1} us");
                }
            }
        }
    }
}
