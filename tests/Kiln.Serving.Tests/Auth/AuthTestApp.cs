using Kiln.Serving.Auth;
using Kiln.Tracking.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Kiln.Serving.Tests.Auth;

/// <summary>
/// An in-memory server wired as <c>kiln serve</c> wires auth, over a real SQLite key store in a temporary folder:
/// <c>POST /predict</c> requires "predict", <c>POST /feedback</c> "feedback", <c>GET /admin</c> "admin", <c>GET /health</c> is open.
/// Keys: one per scope, and one created with predict and then revoked.
/// </summary>
public sealed class AuthTestApp : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kiln-auth-tests-").FullName;
    private readonly WebApplication _app;

    public AuthTestApp()
        : this(withJwt: false)
    {
    }

    /// <summary>The app; with <paramref name="withJwt"/>, JWT bearer tokens signed with <see cref="JwtKey"/> are accepted too.</summary>
    internal AuthTestApp(bool withJwt)
    {
        Store = ApiKeyStores.Open(null, _folder, TimeProvider.System);
        PredictKey = Store.Create("frontend", [ApiKeyScopes.Predict]).Key;
        FeedbackKey = Store.Create("labeler", [ApiKeyScopes.Feedback]).Key;
        AdminKey = Store.Create("operator", [ApiKeyScopes.Admin]).Key;
        var revoked = Store.Create("leaked", [ApiKeyScopes.Predict]);
        RevokedKey = revoked.Key;
        Store.Revoke(revoked.Record.Id);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var authentication = builder.Services.AddAuthentication(ApiKeyAuthentication.Scheme).AddKilnApiKeys(Store);
        if (withJwt)
            authentication.AddKilnJwt(JwtIssuer, JwtAudience, JwtKey);
        builder.Services.AddKilnAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapPost("/predict", (HttpContext context) => Results.Ok(new
        {
            key_id = context.User.FindFirst(ApiKeyClaims.KeyId)?.Value,
            key_name = context.User.FindFirst(ApiKeyClaims.KeyName)?.Value,
            scopes = context.User.FindAll(ApiKeyClaims.Scope).Select(claim => claim.Value).ToArray(),
        })).RequireAuthorization(ApiKeyScopes.Predict);
        _app.MapPost("/feedback", () => Results.Ok()).RequireAuthorization(ApiKeyScopes.Feedback);
        _app.MapGet("/admin", () => Results.Ok()).RequireAuthorization(ApiKeyScopes.Admin);
        _app.MapGet("/health", () => Results.Text("ok"));
        _app.StartAsync().GetAwaiter().GetResult();
        Client = _app.GetTestClient();
    }

    public const string JwtIssuer = "https://issuer.example";

    public const string JwtAudience = "kiln-serving";

    /// <summary>A fixed 256-bit HMAC key for the JWT tests.</summary>
    public static SymmetricSecurityKey JwtKey { get; } = new([.. Enumerable.Range(1, 32).Select(value => (byte)value)]);

    public SqlApiKeyStore Store { get; }

    public string PredictKey { get; }

    public string FeedbackKey { get; }

    public string AdminKey { get; }

    public string RevokedKey { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
