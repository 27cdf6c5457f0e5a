namespace Tango.Core.Tests.IO;

/// <summary>Paths of the NumPy-written fixtures copied next to the test assembly (see Fixtures/README.md).</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", name);
}
