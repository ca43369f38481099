namespace Braid.Testing;

/// <summary>Paths to fixtures in the repository, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string HsdsExamples => Path.Combine(Root, "standards", "hsds", "3.0", "examples");

    public static string HsdsSchemas => Path.Combine(Root, "standards", "hsds", "3.0", "schema");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Braid.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository root (Braid.slnx) above " + AppContext.BaseDirectory);
    }
}
