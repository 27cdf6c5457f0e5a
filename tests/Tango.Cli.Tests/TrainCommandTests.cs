using Tango.Cli;

namespace Tango.Cli.Tests;

public class TrainCommandTests
{
    [Fact]
    public void Train_SelfCheck_Succeeds()
    {
        var output = new StringWriter();
        var saved = Console.Out;
        Console.SetOut(output);
        try
        {
            int code = TangoCommand.Build().Parse(["train", "--size", "64"]).Invoke();
            Assert.Equal(0, code);
        }
        finally
        {
            Console.SetOut(saved);
        }

        Assert.Contains("matmul 64x64", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("OK", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_BadSize_ExitsWithTwo()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, TangoCommand.Build().Parse(["train", "--size", "0"]).Invoke());
        }
        finally
        {
            Console.SetError(saved);
        }

        Assert.Contains("--size", error.ToString(), StringComparison.Ordinal);
    }
}
