namespace Kiln.Serving;

/// <summary>Facts about the serving layer that do not depend on a running server.</summary>
public static class ServingInfo
{
    /// <summary>The port <c>kiln serve</c> listens on when none is given.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The address <c>kiln serve</c> binds to when none is given: loopback only, so nothing is exposed by accident.</summary>
    public const string DefaultHost = "127.0.0.1";
}
