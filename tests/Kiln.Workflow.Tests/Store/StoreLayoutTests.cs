using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Store;

public sealed class StoreLayoutTests
{
    private static readonly string Root = Path.GetFullPath("/store");
    private static readonly DateOnly Day = new(2025, 3, 7);
    private const string Version = "0123456789abcdef";

    public static TheoryData<string> HostileNames => new()
    {
        "",
        " ",
        ".",
        "..",
        "../x",
        "../../etc",
        "a/b",
        "a\\b",
        "/abs",
        "C:",
        "C:\\x",
        "a\0b",
        "a\nb",
        "-rf",
        "_x",
        "x y",
        "ns=x",
        "é",
        "~",
        "a.b",
        "CON",
        "nul",
        "Com1",
        "lpt9",
        new string('a', 65),
    };

    [Fact]
    public void DataVersion_ValidNames_FollowsTheLayout()
    {
        var layout = new StoreLayout(Root);

        var path = layout.DataVersion("examples", "penguins", Version, Day);

        Assert.Equal(Path.Combine(Root, "ns=examples", "input", "data", "penguins", Version, "year=2025", "month=03", "day=07"), path);
    }

    [Fact]
    public void Job_ValidNames_FollowsTheLayout()
    {
        var layout = new StoreLayout(Root + "/");

        Assert.Equal(Path.Combine(Root, "ns=default", "output", "penguins", "year=2025", "month=03", "day=07", "penguins-try-1"), layout.Job("default", "penguins", Day, "penguins-try-1"));
        Assert.Equal(Path.Combine(Root, "ns=default", "output", "penguins", "year=2025", "month=03", "day=07", "penguins-try-1", "checkpoints"), layout.Checkpoints("default", "penguins", Day, "penguins-try-1"));
        Assert.Equal(Path.Combine(Root, ".staging"), layout.StagingRoot);
        Assert.Equal(Path.Combine(Root, "ns=a-b_C9"), layout.Namespace("a-b_C9"));
    }

    [Fact]
    public void Job_LongestValidNames_Accepted()
    {
        var name = new string('m', 64);

        var path = new StoreLayout(Root).Job(name, name, Day, name);

        Assert.EndsWith(Path.Combine("year=2025", "month=03", "day=07", name), path, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Paths_HostileName_RefusedInEveryPosition(string hostile)
    {
        var layout = new StoreLayout(Root);

        Assert.Throws<ArgumentException>(() => layout.Namespace(hostile));
        Assert.Throws<ArgumentException>(() => layout.DataSet("default", hostile));
        Assert.Throws<ArgumentException>(() => layout.Model("default", hostile));
        Assert.Throws<ArgumentException>(() => layout.Job("default", "m", Day, hostile));
        Assert.Throws<ArgumentException>(() => layout.Job(hostile, "m", Day, "job"));
        Assert.Throws<ArgumentException>(() => layout.FindJob("default", hostile));
        Assert.Throws<ArgumentException>(() => StagingDirectory.Create(layout, hostile));
    }

    [Fact]
    public void Paths_HostileName_MessageShowsItEscaped()
    {
        var error = Assert.Throws<ArgumentException>(() => new StoreLayout(Root).Model("default", "a\0/../b"));

        Assert.StartsWith("The model name 'a\\u0000/../b' is not valid: use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789abcdef0")]
    [InlineData("../456789abcdef0")]
    [InlineData("0123456789abcdeg")]
    public void DataVersion_BadVersion_Refused(string version)
    {
        Assert.Throws<ArgumentException>(() => new StoreLayout(Root).DataVersion("default", "d", version, Day));
    }

    [Fact]
    public void Job_FilesystemRoot_PathsStillInside()
    {
        var root = Path.GetPathRoot(Path.GetFullPath("/"))!;

        Assert.Equal(Path.Combine(root, "ns=default", "output", "m"), new StoreLayout(root).Model("default", "m"));
    }

    [Theory]
    [InlineData("CONSOLE")]
    [InlineData("com10")]
    [InlineData("nul-1")]
    public void IsValid_NamesThatOnlyStartLikeDevices_Accepted(string name)
    {
        Assert.True(StoreNames.IsValid(name));
    }

    [Theory]
    [InlineData("store")]
    [InlineData("./store")]
    [InlineData("")]
    public void Constructor_RelativeRoot_Refused(string root)
    {
        Assert.Throws<ArgumentException>(() => new StoreLayout(root));
    }

    [Fact]
    public void DayOf_OffsetInstant_UsesTheUtcDay()
    {
        Assert.Equal(new DateOnly(2025, 3, 8), StoreLayout.DayOf(new DateTimeOffset(2025, 3, 7, 23, 30, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void FindJob_JobUnderAnyModelAndDay_Found()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var existing = layout.Job("examples", "other-model", new DateOnly(2024, 12, 31), "try-1");
        Directory.CreateDirectory(existing);

        Assert.Equal(existing, layout.FindJob("examples", "try-1"));
        Assert.Null(layout.FindJob("examples", "try-2"));
        Assert.Null(layout.FindJob("default", "try-1"));
    }

    [Fact]
    public void EnsureJobNameFree_NameTaken_ThrowsNamingTheJob()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var existing = layout.Job("examples", "penguins", Day, "try-1");
        Directory.CreateDirectory(existing);

        var error = Assert.Throws<JobNameTakenException>(() => layout.EnsureJobNameFree("examples", "try-1"));

        Assert.Equal($"Job name 'try-1' is already used in namespace 'examples' (by {existing}). Choose another job_name, or leave it out to have one generated.", error.Message);
        layout.EnsureJobNameFree("examples", "try-2");
        layout.EnsureJobNameFree("default", "try-1");
    }

    [Fact]
    public void FindJob_StagingAndStrayFolders_Ignored()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        Directory.CreateDirectory(Path.Combine(layout.StagingRoot, "try-1"));
        Directory.CreateDirectory(Path.Combine(layout.Namespace("examples"), "output", "m", "notes", "try-1"));

        Assert.Null(layout.FindJob("examples", "try-1"));
    }

    [Theory]
    [InlineData("data/penguins.csv", "penguins")]
    [InlineData("/x/Penguins (2).csv.gz", "Penguins__2_")]
    [InlineData("../../evil name.csv", "evil_name")]
    [InlineData(".hidden.csv", "hidden")]
    [InlineData("---.csv", "data")]
    [InlineData("été.csv", "t_")]
    public void FromFileName_AnyFileName_GivesAValidName(string path, string expected)
    {
        var name = StoreNames.FromFileName(path);

        Assert.Equal(expected, name);
        Assert.True(StoreNames.IsValid(name));
    }

    [Fact]
    public void FromFileName_LongName_CutTo64()
    {
        Assert.Equal(new string('x', 64), StoreNames.FromFileName(new string('x', 300) + ".csv"));
    }
}
