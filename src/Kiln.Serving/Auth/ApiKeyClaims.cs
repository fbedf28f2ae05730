namespace Kiln.Serving.Auth;

/// <summary>The claims an authenticated API key puts on the request's user.</summary>
public static class ApiKeyClaims
{
    /// <summary>The key's public id (also the user's name identifier).</summary>
    public const string KeyId = "kiln_key_id";

    /// <summary>The key's name (also the user's name).</summary>
    public const string KeyName = "kiln_key_name";

    /// <summary>One claim per scope; a JWT's <c>scope</c> claim may also hold several scopes separated by spaces.</summary>
    public const string Scope = "scope";
}
