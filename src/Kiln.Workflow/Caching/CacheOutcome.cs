namespace Kiln.Workflow.Caching;

/// <summary>What the fit cache did for one fit.</summary>
internal enum CacheOutcome
{
    /// <summary>A cached result was used; the fit did not run.</summary>
    Reused,

    /// <summary>The fit ran and its result was stored.</summary>
    Stored,

    /// <summary>A cached entry existed but could not be read; the fit ran again.</summary>
    Unreadable,
}
