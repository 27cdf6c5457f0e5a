namespace Tango.Core.Autograd;

/// <summary>
/// The record an operation leaves on its output: the inputs and the rule that turns the output's gradient
/// into contributions to the inputs (each rule calls <see cref="Tensor.AccumulateGrad"/> on its inputs).
/// </summary>
internal sealed class GradNode(string op, Tensor[] inputs, Action<Tensor> backward)
{
    public string Op { get; } = op;

    public Tensor[] Inputs { get; } = inputs;

    public Action<Tensor> Backward { get; } = backward;
}
