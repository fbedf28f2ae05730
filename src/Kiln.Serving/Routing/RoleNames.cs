namespace Kiln.Serving.Routing;

/// <summary>The role names written to logs, headers and the admin listing: <c>champion</c>, <c>canary</c>, <c>shadow</c>.</summary>
internal static class RoleNames
{
    public static string Of(ServingRole role) => role switch
    {
        ServingRole.Canary => "canary",
        ServingRole.Shadow => "shadow",
        _ => "champion",
    };
}
