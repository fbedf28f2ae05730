using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Kiln.Tracking;

/// <summary>
/// The two ways to name a PostgreSQL run store — Npgsql's keyword form (<c>Host=db;Username=kiln;Database=kiln</c>) and
/// the URL form (<c>postgres://kiln:secret@db:5432/kiln</c>) — and how to show one without its password.
/// </summary>
internal static partial class PostgresConnectionStrings
{
    /// <summary>The forms, as a phrase for messages.</summary>
    public const string Forms = "a URL 'postgres://user:password@host:port/database' (or 'postgresql://…'), or Npgsql keywords 'Host=host;Port=5432;Username=user;Password=…;Database=database'";

    private const int DefaultPort = 5432;

    /// <summary>Whether <paramref name="connection"/> names a PostgreSQL store: a postgres(ql) URL, or keywords with <c>Host=</c>.</summary>
    public static bool IsPostgres(string connection) =>
        IsUrl(connection) || HostKeyword().IsMatch(connection);

    /// <summary>The connection settings in <paramref name="connection"/>.</summary>
    /// <exception cref="ArgumentException">The text is in neither form, or has a setting Npgsql does not know; the message masks the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connection)
    {
        ArgumentException.ThrowIfNullOrEmpty(connection);
        try
        {
            return IsUrl(connection) ? ParseUrl(connection) : new NpgsqlConnectionStringBuilder(connection);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or UriFormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"The PostgreSQL connection '{Mask(connection)}' is not valid ({Mask(exception.Message)}). Use {Forms}.", nameof(connection), exception);
        }
    }

    /// <summary>The store as messages show it: <c>postgresql://user@host:port/database</c>, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        var database = builder.Database ?? builder.Username ?? "";
        var searchPath = string.IsNullOrEmpty(builder.SearchPath) ? "" : "?search_path=" + builder.SearchPath;
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://{user}{builder.Host}:{builder.Port}/{database}{searchPath}");
    }

    /// <summary><paramref name="text"/> with every password (URL or keyword) replaced by <c>***</c>; safe to show.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "(null)";
        var masked = UrlPassword().Replace(text, "$1***@");
        masked = KeywordPassword().Replace(masked, "$1=***");
        return TrackingNames.Display(masked);
    }

    private static bool IsUrl(string connection) =>
        connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder ParseUrl(string connection)
    {
        var uri = new Uri(connection, UriKind.Absolute);
        if (string.IsNullOrEmpty(uri.Host))
            throw new FormatException("the URL has no host");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.DnsSafeHost,
            Port = uri.Port > 0 ? uri.Port : DefaultPort,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key.ToLowerInvariant())
            {
                case "sslmode":
                    builder.SslMode = value.ToLowerInvariant() switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new FormatException($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
                    };
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "search_path":
                    builder.SearchPath = value;
                    break;
                default:
                    // Any other query setting is taken as an Npgsql keyword (it throws ArgumentException when unknown).
                    builder[key] = value;
                    break;
            }
        }
        return builder;
    }

    [GeneratedRegex(@"(?:^|;)\s*(?:host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKeyword();

    [GeneratedRegex(@"^(\s*[a-z][a-z0-9+.-]*://[^:/@?#]*:)[^@]*@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"((?:ssl\s*)?password|pwd|psw)\s*=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordPassword();
}
