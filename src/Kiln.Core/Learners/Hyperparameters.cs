using System.Globalization;
using System.Reflection;
using System.Text;

namespace Kiln.Core.Learners;

/// <summary>Reads the hyperparameters declared with <see cref="HyperparameterAttribute"/> on an options record, and builds records from text values.</summary>
/// <remarks>
/// <para>
/// Supported property types: <see cref="int"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="double"/>,
/// <see cref="float"/>, <see cref="bool"/>, <see cref="string"/>, enums (written as their member names in snake_case),
/// the nullable forms of these, and arrays or <see cref="IReadOnlyList{T}"/> of the non-nullable ones.
/// </para>
/// <para>
/// <see cref="HyperparameterAttribute.Min"/> and <see cref="HyperparameterAttribute.Max"/> bound the values
/// <see cref="Bind{TOptions}"/> accepts (inclusive), as well as a search's range; <see cref="HyperparameterAttribute.Choices"/>
/// lists the only values a string accepts (exact spelling).
/// </para>
/// </remarks>
public static class Hyperparameters
{
    /// <summary>The name of the options property that receives the workflow's seed; it is not a hyperparameter.</summary>
    public const string SeedProperty = "Seed";

    /// <summary>The declared hyperparameters of <paramref name="optionsType"/>, in declaration order, with their defaults.</summary>
    /// <exception cref="ArgumentException">The type has no public parameterless constructor, or two hyperparameters share a name.</exception>
    public static IReadOnlyList<HyperparameterInfo> Describe(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        if (!optionsType.IsValueType && optionsType.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{optionsType.Name} needs a public parameterless constructor to report its defaults.", nameof(optionsType));
        var defaults = Activator.CreateInstance(optionsType)
            ?? throw new ArgumentException($"{optionsType.Name} needs a public parameterless constructor to report its defaults.", nameof(optionsType));
        var nullability = new NullabilityInfoContext();
        var result = new List<HyperparameterInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<HyperparameterAttribute>() is not { } declaration)
                continue;
            var name = declaration.Name ?? SnakeCase(property.Name);
            if (!names.Add(name))
                throw new ArgumentException($"{optionsType.Name} declares hyperparameter '{name}' twice.", nameof(optionsType));
            var allowsNull = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && nullability.Create(property).WriteState == NullabilityState.Nullable);
            result.Add(new HyperparameterInfo(name, property.Name, property.PropertyType, property.GetValue(defaults), declaration) { AllowsNull = allowsNull });
        }
        return result;
    }

    /// <summary>Builds a <typeparamref name="TOptions"/> record from its defaults and the named <paramref name="values"/>.</summary>
    /// <param name="values">Values by hyperparameter name (the kiln.yaml names); names not given keep their defaults.</param>
    /// <param name="seed">The seed for the record's <c>Seed</c> property when it has one; <see langword="null"/> keeps the default.</param>
    /// <exception cref="HyperparameterException">A name is not declared, or a value does not convert to its type, is out of range or is not one of the choices.</exception>
    /// <exception cref="ArgumentException">The record declares a hyperparameter of a type this binder does not support.</exception>
    public static TOptions Bind<TOptions>(IReadOnlyDictionary<string, HyperparameterValue> values, ulong? seed = null)
        where TOptions : class, new() =>
        (TOptions)Bind(typeof(TOptions), values, seed);

    /// <summary>Builds an options record of <paramref name="optionsType"/> from its defaults and the named <paramref name="values"/> (see <see cref="Bind{TOptions}"/>).</summary>
    /// <exception cref="HyperparameterException">A name is not declared, or a value does not convert to its type, is out of range or is not one of the choices.</exception>
    /// <exception cref="ArgumentException">The type has no public parameterless constructor, or declares a hyperparameter of an unsupported type.</exception>
    public static object Bind(Type optionsType, IReadOnlyDictionary<string, HyperparameterValue> values, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(values);
        var declared = Describe(optionsType);
        var options = Activator.CreateInstance(optionsType)!;
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            var info = declared.FirstOrDefault(candidate => candidate.Name == key);
            if (info is null)
                throw UnknownKey(optionsType.Name, key, declared.Select(candidate => candidate.Name).ToArray());
            var converted = Convert(info, value, optionsType.Name);
            optionsType.GetProperty(info.PropertyName)!.SetValue(options, converted);
        }
        if (seed is { } seedValue)
            SetSeed(optionsType, options, seedValue);
        return options;
    }

    /// <summary>The declared hyperparameters of <paramref name="options"/> and their values, in declaration order: the inverse of <see cref="Bind{TOptions}"/>.</summary>
    /// <exception cref="ArgumentException">A hyperparameter has a type this binder does not support.</exception>
    public static IReadOnlyList<KeyValuePair<string, HyperparameterValue>> Values(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var type = options.GetType();
        return Describe(type)
            .Select(info => KeyValuePair.Create(info.Name, ToValue(type.GetProperty(info.PropertyName)!.GetValue(options))))
            .ToArray();
    }

    /// <summary>A hyperparameter value as text that <see cref="Bind{TOptions}"/> reads back to the same value.</summary>
    /// <remarks>Numbers use the invariant culture and the shortest text that round-trips; infinities are <c>.inf</c> and <c>-.inf</c> as in YAML; enums are snake_case.</remarks>
    /// <exception cref="ArgumentException">The value's type is not a supported hyperparameter type.</exception>
    public static HyperparameterValue ToValue(object? value) => value switch
    {
        null => HyperparameterValue.Null,
        string text => HyperparameterValue.Scalar(text),
        bool flag => HyperparameterValue.Scalar(flag ? "true" : "false"),
        double number => HyperparameterValue.Scalar(FormatNumber(number)),
        float number => HyperparameterValue.Scalar(FormatNumber(number)),
        int or long or ulong => HyperparameterValue.Scalar(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
        Enum member => HyperparameterValue.Scalar(SnakeCase(member.ToString())),
        System.Collections.IEnumerable items => HyperparameterValue.List(items.Cast<object?>().Select(ToValue)),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} is not a supported hyperparameter type.", nameof(value)),
    };

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

    internal static string FormatNumber(double value) => value switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        _ when double.IsNaN(value) => ".nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    internal static string FormatNumber(float value) => float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : FormatNumber((double)value);

    /// <summary>The scalar type of a hyperparameter: the property type without <see cref="Nullable{T}"/>, or a list's element type.</summary>
    internal static Type ElementType(Type type, out bool isList)
    {
        isList = false;
        if (type != typeof(string))
        {
            if (type.IsArray)
            {
                isList = true;
                return type.GetElementType()!;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                isList = true;
                return type.GetGenericArguments()[0];
            }
        }
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    internal static bool IsSupportedScalar(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(double) || type == typeof(float)
        || type == typeof(bool) || type == typeof(string) || type.IsEnum;

    /// <summary>The allowed spellings of an enum or a string with choices; empty otherwise.</summary>
    internal static IReadOnlyList<string> ChoicesOf(Type elementType, HyperparameterAttribute declaration)
    {
        if (elementType.IsEnum)
            return Enum.GetNames(elementType).Select(SnakeCase).ToArray();
        return declaration.Choices ?? [];
    }

    /// <summary>What a value must be, as a phrase: "a whole number from 1 to 32", "one of gini, entropy".</summary>
    internal static string Expectation(Type elementType, HyperparameterAttribute declaration)
    {
        var choices = ChoicesOf(elementType, declaration);
        if (choices.Count > 0)
            return $"one of {string.Join(", ", choices)}";
        if (elementType == typeof(bool))
            return "true or false";
        if (elementType == typeof(string))
            return "text";
        var noun = IsInteger(elementType) ? "a whole number" : "a number";
        var min = elementType == typeof(ulong) && double.IsNaN(declaration.Min) ? 0 : declaration.Min;
        return (double.IsNaN(min), double.IsNaN(declaration.Max)) switch
        {
            (false, false) => $"{noun} from {FormatNumber(min)} to {FormatNumber(declaration.Max)}",
            (false, true) => $"{noun} of at least {FormatNumber(min)}",
            (true, false) => $"{noun} of at most {FormatNumber(declaration.Max)}",
            _ => noun,
        };
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(ulong);

    private static HyperparameterException UnknownKey(string subject, string key, string[] declared)
    {
        var problem = declared.Length == 0
            ? $"unknown hyperparameter '{key}'; it takes no hyperparameters."
            : $"unknown hyperparameter '{key}'{NearestName.Hint(key, declared)} Allowed: {string.Join(", ", declared)}.";
        return new HyperparameterException(subject, key, problem, isUnknownKey: true);
    }

    private static object? Convert(HyperparameterInfo info, HyperparameterValue value, string subject)
    {
        var elementType = ElementType(info.Type, out var isList);
        if (!IsSupportedScalar(elementType) || (isList && Nullable.GetUnderlyingType(elementType) is not null))
        {
            throw new ArgumentException(
                $"{subject}.{info.PropertyName} has type {info.Type.Name}, which hyperparameters cannot have; use a number, bool, string, enum, a nullable one, or an array of them.",
                nameof(info));
        }
        if (value.IsNull)
        {
            if (info.AllowsNull)
                return null;
            throw Invalid(subject, info, $"expected {Expectation(elementType, info.Declaration)}, got null; remove the key to keep the default ({ToValue(info.DefaultValue)}).");
        }
        if (!isList)
        {
            if (value.IsList)
                throw Invalid(subject, info, $"expected a single value ({Expectation(elementType, info.Declaration)}), got the list {value}.");
            return ConvertScalar(info, elementType, value.Text!, subject);
        }
        var items = value.IsList ? value.Items : [value];
        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].IsNull)
                throw Invalid(subject, info, $"item {i + 1} of the list is null; every item must be {Expectation(elementType, info.Declaration)}.");
            array.SetValue(ConvertScalar(info, elementType, items[i].Text!, subject), i);
        }
        return array;
    }

    private static object ConvertScalar(HyperparameterInfo info, Type type, string text, string subject)
    {
        var declaration = info.Declaration;
        var choices = ChoicesOf(type, declaration);
        if (choices.Count > 0)
        {
            var index = IndexOf(choices, text);
            if (index < 0)
                throw Invalid(subject, info, $"expected one of {string.Join(", ", choices)}, got '{text}'{NearestName.Hint(text, choices)}");
            return type.IsEnum ? Enum.Parse(type, Enum.GetNames(type)[index]) : choices[index];
        }
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
        {
            return text switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => throw Invalid(subject, info, $"expected true or false, got '{text}'."),
            };
        }
        if (IsInteger(type))
        {
            var parsed = type == typeof(ulong)
                ? ulong.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unsigned) ? (object)unsigned : null
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) ? signed : null;
            var number = parsed switch { ulong u => (double)u, long l => l, _ => double.NaN };
            if (parsed is null || !InRange(number, declaration))
                throw Invalid(subject, info, $"expected {Expectation(type, declaration)}, got '{text}'.");
            if (type == typeof(int) && (number < int.MinValue || number > int.MaxValue))
                throw Invalid(subject, info, $"expected {Expectation(type, declaration)}, got '{text}', which is beyond the largest whole number this hyperparameter holds ({(number > 0 ? int.MaxValue : int.MinValue)}).");
            return type == typeof(int) ? (int)(long)parsed : parsed;
        }
        if (!TryParseNumber(text, out var real) || !InRange(real, declaration) || (type == typeof(float) && double.IsFinite(real) && !float.IsFinite((float)real)))
            throw Invalid(subject, info, $"expected {Expectation(type, declaration)}, got '{text}'.");
        return type == typeof(float) ? (float)real : real;
    }

    private static int IndexOf(IReadOnlyList<string> choices, string text)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i], text, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private static bool InRange(double value, HyperparameterAttribute declaration) =>
        !double.IsNaN(value) && !(value < declaration.Min) && !(value > declaration.Max);

    /// <summary>Parses a number as YAML and the invariant culture write it; NaN is refused (it is never a useful hyperparameter).</summary>
    private static bool TryParseNumber(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case ".inf" or "+.inf" or "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
        }
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && !double.IsNaN(value);
    }

    private static HyperparameterException Invalid(string subject, HyperparameterInfo info, string problem) =>
        new(subject, info.Name, problem, isUnknownKey: false);

    private static void SetSeed(Type optionsType, object options, ulong seed)
    {
        var property = optionsType.GetProperty(SeedProperty, BindingFlags.Public | BindingFlags.Instance);
        if (property is null || !property.CanWrite || property.GetCustomAttribute<HyperparameterAttribute>() is not null)
            return;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object value = type switch
        {
            _ when type == typeof(ulong) => seed,
            _ when type == typeof(long) => unchecked((long)seed),
            _ when type == typeof(int) => unchecked((int)seed),
            _ when type == typeof(uint) => unchecked((uint)seed),
            _ => throw new ArgumentException($"{optionsType.Name}.{SeedProperty} has type {property.PropertyType.Name}; a seed property must be an integer type (ulong preferred).", nameof(optionsType)),
        };
        property.SetValue(options, value);
    }
}
