using System.Reflection;
using System.Text;

namespace Kiln.Core.Learners;

/// <summary>Reads the hyperparameters declared with <see cref="HyperparameterAttribute"/> on an options record.</summary>
public static class Hyperparameters
{
    /// <summary>The declared hyperparameters of <paramref name="optionsType"/>, in declaration order, with their defaults.</summary>
    /// <exception cref="ArgumentException">The type has no public parameterless constructor, or two hyperparameters share a name.</exception>
    public static IReadOnlyList<HyperparameterInfo> Describe(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        if (!optionsType.IsValueType && optionsType.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{optionsType.Name} needs a public parameterless constructor to report its defaults.", nameof(optionsType));
        var defaults = Activator.CreateInstance(optionsType)
            ?? throw new ArgumentException($"{optionsType.Name} needs a public parameterless constructor to report its defaults.", nameof(optionsType));
        var result = new List<HyperparameterInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<HyperparameterAttribute>() is not { } declaration)
                continue;
            var name = declaration.Name ?? SnakeCase(property.Name);
            if (!names.Add(name))
                throw new ArgumentException($"{optionsType.Name} declares hyperparameter '{name}' twice.", nameof(optionsType));
            result.Add(new HyperparameterInfo(name, property.Name, property.PropertyType, property.GetValue(defaults), declaration));
        }
        return result;
    }

    /// <summary>Converts a PascalCase or camelCase name to snake_case: <c>MaxDepth</c> → <c>max_depth</c>, <c>L2Penalty</c> → <c>l2_penalty</c>.</summary>
    public static string SnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var startsWord = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (startsWord)
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
