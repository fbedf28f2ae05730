namespace Kiln.Serving.Routing;

/// <summary>Why a served model answers or scores a request; written to every prediction log line as <c>role</c>.</summary>
public enum ServingRole
{
    /// <summary>A model named on the command line: it answers requests for its name (or its name and version).</summary>
    Champion,

    /// <summary>A challenger that answers a share of the requests for its name (<c>--canary NAME@ALIAS=PERCENT</c>).</summary>
    Canary,

    /// <summary>A challenger that scores every request's rows after the answer, off the request path, and only logs (<c>--shadow NAME@ALIAS</c>).</summary>
    Shadow,
}
