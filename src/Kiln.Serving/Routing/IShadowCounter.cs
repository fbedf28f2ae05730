namespace Kiln.Serving.Routing;

/// <summary>Counts what happened to the requests offered to a shadow: scored, dropped (its queue was full) or failed.</summary>
internal interface IShadowCounter
{
    /// <summary>Counts one request of <paramref name="name"/> with the outcome <c>scored</c>, <c>dropped</c> or <c>failed</c>.</summary>
    void Shadowed(string name, string outcome);
}
