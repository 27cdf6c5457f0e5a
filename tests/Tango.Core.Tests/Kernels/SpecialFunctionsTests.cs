using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(3.0, 2.209049699858544e-5)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void Erfc_MatchesTableValues_ToFloatRelativeAccuracy(double x, double expected) =>
        Tolerance.Close(expected, SpecialFunctions.Erfc(x), 1.2e-7, 0);

    [Fact]
    public void NormalCdfAndPdf_AreConsistent()
    {
        // Φ' = φ: a central difference of the CDF matches the density.
        for (double x = -6; x <= 6; x += 0.25)
        {
            double slope = (SpecialFunctions.NormalCdf(x + 1e-4) - SpecialFunctions.NormalCdf(x - 1e-4)) / 2e-4;
            Tolerance.Close(SpecialFunctions.NormalPdf(x), slope, 1e-3, 1e-9, $"φ({x})");
        }
    }
}
