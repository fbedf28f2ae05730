namespace Kiln.Tracking;

/// <summary>The environment a run belongs to; each environment has its own store and artifact root.</summary>
public enum RunEnvironment
{
    /// <summary>Experiments and development work.</summary>
    Develop,

    /// <summary>Runs whose models may be served.</summary>
    Production,
}
