namespace Kiln.Core.Learners;

/// <summary>One declared hyperparameter of an options record, as <see cref="Hyperparameters.Describe"/> reads it.</summary>
/// <param name="Name">The kiln.yaml name (snake_case or scikit-learn's).</param>
/// <param name="PropertyName">The C# property on the options record.</param>
/// <param name="Type">The property's type.</param>
/// <param name="DefaultValue">The value of a default-constructed options record.</param>
/// <param name="Declaration">The attribute with the range, scale and choices.</param>
public sealed record HyperparameterInfo(string Name, string PropertyName, Type Type, object? DefaultValue, HyperparameterAttribute Declaration);
