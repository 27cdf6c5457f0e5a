namespace Tango.Benchmarks;

/// <summary>One SGEMM problem: op(A) (m, k) · op(B) (k, n), with the operands' storage strides.</summary>
internal sealed record GemmShape(string Name, bool TransA, bool TransB, int M, int N, int K)
{
    /// <summary>The shapes the README table reports: square products, similarity matrices, an MLP layer.</summary>
    public static readonly GemmShape[] Standard =
    [
        Square(256), Square(512), Square(1024), Square(2048),
        Similarity(1024, 128), Similarity(4096, 512),
        new("MLP fwd x·Wᵀ 256×784·(512×784)ᵀ", false, true, 256, 512, 784),
        new("MLP dW gᵀ·x (256×512)ᵀ·256×784", true, false, 512, 784, 256),
    ];

    public int Lda => TransA ? M : K;

    public int Ldb => TransB ? K : N;

    /// <summary>Floating-point operations of one call (a multiply-add is two).</summary>
    public double Flops => 2.0 * M * N * K;

    public static GemmShape Square(int n) => new($"NN {n}³", false, false, n, n, n);

    // (B×D)·(D×B): A(B, D)·A(B, D)ᵀ, the similarity matrix of a batch of embeddings.
    public static GemmShape Similarity(int batch, int dim) =>
        new($"X·Xᵀ B={batch} D={dim}", false, true, batch, batch, dim);
}
