namespace Kiln.Core.Learners;

/// <summary>Declares an options property as a hyperparameter: its kiln.yaml name and its range, read by kiln.yaml, the tuner, the CLI and the UI.</summary>
/// <remarks>The kiln.yaml name is the property's name in snake_case unless <see cref="Name"/> gives scikit-learn's name.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class HyperparameterAttribute : Attribute
{
    /// <summary>Declares a hyperparameter named after its property.</summary>
    public HyperparameterAttribute()
    {
    }

    /// <summary>Declares a hyperparameter with an explicit kiln.yaml name.</summary>
    public HyperparameterAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The kiln.yaml name, or <see langword="null"/> for the property's name in snake_case.</summary>
    public string? Name { get; }

    /// <summary>The smallest value allowed, and the lower end of a search; <see cref="Hyperparameters.Bind{TOptions}"/> refuses smaller values.</summary>
    /// <value>Default NaN: no lower bound.</value>
    public double Min { get; init; } = double.NaN;

    /// <summary>The largest value allowed, and the upper end of a search; <see cref="Hyperparameters.Bind{TOptions}"/> refuses larger values.</summary>
    /// <value>Default NaN: no upper bound.</value>
    public double Max { get; init; } = double.NaN;

    /// <summary>Whether a search should sample on a log scale.</summary>
    public bool Log { get; init; }

    /// <summary>The allowed values of a categorical hyperparameter, or <see langword="null"/>.</summary>
    public string[]? Choices { get; init; }

    /// <summary>A one-line description for help text and reports.</summary>
    public string? Description { get; init; }
}
