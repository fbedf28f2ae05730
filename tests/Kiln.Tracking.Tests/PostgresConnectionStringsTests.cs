using Npgsql;

namespace Kiln.Tracking.Tests;

/// <summary>Parsing the two PostgreSQL connection forms, and showing them without the password.</summary>
public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void Parse_Url_TakesEveryPartPercentDecoded()
    {
        var settings = PostgresConnectionStrings.Parse("postgresql://kiln%40corp:p%40ss%3Bword@db.example.org:6543/runs%2Ddev?sslmode=verify-full&application_name=kiln-ci&connect_timeout=7&search_path=tracking");

        Assert.Equal("db.example.org", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("kiln@corp", settings.Username);
        Assert.Equal("p@ss;word", settings.Password);
        Assert.Equal("runs-dev", settings.Database);
        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal("kiln-ci", settings.ApplicationName);
        Assert.Equal(7, settings.Timeout);
        Assert.Equal("tracking", settings.SearchPath);
    }

    [Fact]
    public void Parse_UrlWithoutPortUserOrDatabase_LeavesNpgsqlDefaults()
    {
        var settings = PostgresConnectionStrings.Parse("postgres://db");

        Assert.Equal("db", settings.Host);
        Assert.Equal(5432, settings.Port);
        Assert.Null(settings.Username);
        Assert.Null(settings.Password);
        Assert.Null(settings.Database);
    }

    [Fact]
    public void Parse_UrlWithIpv6Host_TakesTheAddressWithoutBrackets()
    {
        var settings = PostgresConnectionStrings.Parse("postgres://kiln@[::1]:5433/kiln");

        Assert.Equal("::1", settings.Host);
        Assert.Equal(5433, settings.Port);
    }

    [Fact]
    public void Parse_Keywords_AreNpgsqlKeywords()
    {
        var settings = PostgresConnectionStrings.Parse("Host=db;Port=6000;Username=kiln;Password=secret;Database=runs;Search Path=tracking");

        Assert.Equal("db", settings.Host);
        Assert.Equal(6000, settings.Port);
        Assert.Equal("secret", settings.Password);
        Assert.Equal("tracking", settings.SearchPath);
    }

    [Fact]
    public void Describe_NeverShowsThePassword()
    {
        var settings = PostgresConnectionStrings.Parse("postgres://kiln:secret@db:6543/runs?search_path=tracking");

        Assert.Equal("postgresql://kiln@db:6543/runs?search_path=tracking", PostgresConnectionStrings.Describe(settings));
    }

    [Theory]
    [InlineData("postgres://kiln:secret@db/runs", "postgres://kiln:***@db/runs")]
    [InlineData("Host=db;Password=secret;Username=kiln", "Host=db;Password=***;Username=kiln")]
    [InlineData("Host=db;password = \"sec;ret\";Username=kiln", "Host=db;password=***;Username=kiln")]
    [InlineData("Host=db;PWD='secret';SSL Password=other", "Host=db;PWD=***;SSL Password=***")]
    [InlineData("Host=db;Username=kiln", "Host=db;Username=kiln")]
    public void Mask_ReplacesEveryPassword(string text, string expected) =>
        Assert.Equal(expected, PostgresConnectionStrings.Mask(text));

    [Theory]
    [InlineData("postgres://db/kiln", true)]
    [InlineData("POSTGRESQL://db/kiln", true)]
    [InlineData("Host=db;Database=kiln", true)]
    [InlineData("Database=kiln; host = db", true)]
    [InlineData("Server=db;Database=kiln", true)]
    [InlineData("Data Source=kiln.db", false)]
    [InlineData("Ghost=db", false)]
    [InlineData("mysql://db/kiln", false)]
    public void IsPostgres_RecognisesTheTwoForms(string connection, bool expected) =>
        Assert.Equal(expected, PostgresConnectionStrings.IsPostgres(connection));
}
