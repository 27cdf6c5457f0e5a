namespace Tango.Benchmarks;

/// <summary>One SGEMM problem: op(A) (m, k) · op(B) (k, n), dense operands.</summary>
public sealed record GemmShape(string Name, bool TransA, bool TransB, int M, int N, int K)
{
    /// <summary>The shapes the results table reports: square products, similarity matrices, an MLP layer.</summary>
    public static readonly GemmShape[] Standard =
    [
        Square(256), Square(512), Square(1024), Square(2048),
        Similarity(1024, 128), Similarity(4096, 512),
        new("MLP fwd x*W^T 256x784*(512x784)^T", false, true, 256, 512, 784),
        new("MLP dX g*W 256x512*512x784", false, false, 256, 784, 512),
        new("MLP dW g^T*x (256x512)^T*256x784", true, false, 512, 784, 256),
    ];

    /// <summary>Small and skinny products (the direct path's territory and its threshold).</summary>
    public static readonly GemmShape[] Small =
    [
        Square(16), Square(32), Square(48), Square(63), Square(64), Square(96), Square(128),
        Similarity(64, 64), Similarity(128, 32),
        new("head 256x64*64x10", false, false, 256, 10, 64),
        new("gemv 1x1024*1024x1024", false, false, 1, 1024, 1024),
        new("skinny 8x1024*1024x1024", false, false, 8, 1024, 1024),
        new("skinny 1024x1024*1024x8", false, false, 1024, 8, 1024),
        new("long k 64x64*(64x4096)^T", false, true, 64, 64, 4096),
    ];

    public int Lda => TransA ? M : K;

    public int Ldb => TransB ? K : N;

    /// <summary>Floating-point operations of one call (a multiply-add is two).</summary>
    public double Flops => 2.0 * M * N * K;

    public static GemmShape Square(int n) => new($"NN {n}^3", false, false, n, n, n);

    // (B×D)·(D×B): A(B, D)·A(B, D)ᵀ, the similarity matrix of a batch of embeddings.
    public static GemmShape Similarity(int batch, int dim) =>
        new($"X*X^T B={batch} D={dim}", false, true, batch, batch, dim);

    public override string ToString() => Name;
}
