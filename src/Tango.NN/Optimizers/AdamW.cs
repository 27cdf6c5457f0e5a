using Tango.Core;

namespace Tango.NN.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay p ← p·(1 − lr·λ) applied before the Adam
/// step instead of an L2 term in the gradient, as torch.optim.AdamW (whose default λ is 0.01).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer (PyTorch's defaults).</summary>
    public AdamW(IEnumerable<Tensor> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float eps = 1e-8f, float weightDecay = 1e-2f, bool amsgrad = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: true)
    {
    }
}
