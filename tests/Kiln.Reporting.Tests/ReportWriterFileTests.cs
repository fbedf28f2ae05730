using System.Text;

namespace Kiln.Reporting.Tests;

public sealed class ReportWriterFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("kiln-report-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void WriteHtml_Path_WritesThePageAndNoTemporaryFile()
    {
        var path = Path.Combine(_folder.FullName, "report.html");

        ReportWriter.WriteHtml(SampleReports.Minimal(), path);

        Assert.Equal(ReportWriter.ToHtml(SampleReports.Minimal()), File.ReadAllText(path, Encoding.UTF8));
        Assert.Equal(["report.html"], _folder.GetFiles().Select(file => file.Name));
    }

    [Fact]
    public void WriteHtml_ExistingFile_IsReplaced()
    {
        var path = Path.Combine(_folder.FullName, "report.html");
        File.WriteAllText(path, new string('x', 1_000_000));

        ReportWriter.WriteHtml(SampleReports.Minimal(), path);

        Assert.Equal(ReportWriter.ToHtml(SampleReports.Minimal()), File.ReadAllText(path, Encoding.UTF8));
    }

    [Fact]
    public void WriteHtml_ReportThatFails_LeavesTheEarlierFileAsItWas()
    {
        var path = Path.Combine(_folder.FullName, "report.html");
        File.WriteAllText(path, "earlier");
        var broken = SampleReports.Minimal() with
        {
            Sections = [new ReportSection { Id = "x", Title = "x", Blocks = [new FigureBlock("<svg onload=\"alert(1)\"/>")] }],
        };

        Assert.Throws<ArgumentException>(() => ReportWriter.WriteHtml(broken, path));

        Assert.Equal("earlier", File.ReadAllText(path));
        Assert.Equal(["report.html"], _folder.GetFiles().Select(file => file.Name));
    }

    [Fact]
    public void WriteHtml_MissingFolder_SaysWhichFolder()
    {
        var path = Path.Combine(_folder.FullName, "absent", "report.html");

        var error = Assert.Throws<DirectoryNotFoundException>(() => ReportWriter.WriteHtml(SampleReports.Minimal(), path));

        Assert.Contains(Path.Combine(_folder.FullName, "absent"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteJson_Path_WritesTheJson()
    {
        var path = Path.Combine(_folder.FullName, "report.json");

        ReportWriter.WriteJson(SampleReports.Diabetes(), path);

        Assert.Equal(ReportWriter.ToJson(SampleReports.Diabetes()), File.ReadAllText(path, Encoding.UTF8));
        Assert.Equal(["report.json"], _folder.GetFiles().Select(file => file.Name));
    }

    [Fact]
    public void WriteHtml_Stream_WritesUtf8WithoutByteOrderMarkAndLeavesItOpen()
    {
        using var stream = new MemoryStream();

        ReportWriter.WriteHtml(SampleReports.Minimal(), stream);

        Assert.True(stream.CanWrite);
        var bytes = stream.ToArray();
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Equal(ReportWriter.ToHtml(SampleReports.Minimal()), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void WriteJson_ReadOnlyStream_Throws()
    {
        using var stream = new MemoryStream([], writable: false);

        Assert.Throws<ArgumentException>(() => ReportWriter.WriteJson(SampleReports.Minimal(), stream));
    }
}
