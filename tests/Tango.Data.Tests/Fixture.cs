namespace Tango.Data.Tests;

/// <summary>The NumPy fixtures made by Fixtures/make_fixtures.py (numpy's own writer).</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
