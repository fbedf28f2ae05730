namespace Kiln.Core.Learners;

/// <summary>One declared hyperparameter of an options record, as <see cref="Hyperparameters.Describe"/> reads it.</summary>
/// <param name="Name">The kiln.yaml name (snake_case or scikit-learn's).</param>
/// <param name="PropertyName">The C# property on the options record.</param>
/// <param name="Type">The property's type.</param>
/// <param name="DefaultValue">The value of a default-constructed options record.</param>
/// <param name="Declaration">The attribute with the range, scale and choices.</param>
public sealed record HyperparameterInfo(string Name, string PropertyName, Type Type, object? DefaultValue, HyperparameterAttribute Declaration)
{
    /// <summary>Whether the hyperparameter accepts null (a nullable value type or a nullable reference).</summary>
    public bool AllowsNull { get; init; }

    /// <summary>Whether the hyperparameter takes a list of values.</summary>
    public bool IsList
    {
        get
        {
            Hyperparameters.ElementType(Type, out var isList);
            return isList;
        }
    }

    /// <summary>The spellings the hyperparameter accepts when it is a choice (an enum, or a string with <see cref="HyperparameterAttribute.Choices"/>); empty otherwise.</summary>
    public IReadOnlyList<string> Choices => Hyperparameters.ChoicesOf(Hyperparameters.ElementType(Type, out _), Declaration);

    /// <summary>What a value must be, for help text: "a whole number from 1 to 32", "one of gini, entropy", "true or false", with "or null" when null is allowed.</summary>
    public string Expectation =>
        (IsList ? "a list of: " : string.Empty) + Hyperparameters.Expectation(Hyperparameters.ElementType(Type, out _), Declaration) + (AllowsNull ? ", or null" : string.Empty);

    /// <summary>The default as kiln.yaml would write it (<c>null</c>, <c>8</c>, <c>sqrt</c>, <c>[64, 32]</c>).</summary>
    public string DefaultText => Hyperparameters.ToValue(DefaultValue).ToString();
}
