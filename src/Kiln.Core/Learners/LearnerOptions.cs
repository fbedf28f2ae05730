namespace Kiln.Core.Learners;

/// <summary>The hyperparameter values kiln.yaml (or a tuner) gives one learner, by name, plus the workflow's seed; <see cref="Bind{TOptions}"/> turns them into the learner's options record.</summary>
/// <remarks>Immutable. A <see cref="LearnerCatalog"/> factory receives one and calls <see cref="Bind{TOptions}"/> once, for the options record of the variant it builds.</remarks>
public sealed class LearnerOptions
{
    private readonly Dictionary<string, HyperparameterValue> _values;
    private readonly Action<Type>? _observer;

    /// <summary>Creates the bag.</summary>
    /// <param name="values">Values by hyperparameter name; <see langword="null"/> for none (every default).</param>
    /// <param name="seed">The seed for options records with a <c>Seed</c> property; <see langword="null"/> keeps their default.</param>
    public LearnerOptions(IEnumerable<KeyValuePair<string, HyperparameterValue>>? values = null, ulong? seed = null)
    {
        _values = new Dictionary<string, HyperparameterValue>(StringComparer.Ordinal);
        foreach (var (name, value) in values ?? [])
        {
            ArgumentNullException.ThrowIfNull(name, nameof(values));
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            if (!_values.TryAdd(name, value))
                throw new ArgumentException($"Hyperparameter '{name}' is given twice; give each once.", nameof(values));
        }
        Seed = seed;
    }

    private LearnerOptions(Dictionary<string, HyperparameterValue> values, ulong? seed, Action<Type> observer)
    {
        _values = values;
        Seed = seed;
        _observer = observer;
    }

    /// <summary>No values and no seed: every hyperparameter keeps its default.</summary>
    public static LearnerOptions Empty { get; } = new();

    /// <summary>The values by hyperparameter name, in the order given.</summary>
    public IReadOnlyDictionary<string, HyperparameterValue> Values => _values;

    /// <summary>The seed passed to options records that have a <c>Seed</c> property, or <see langword="null"/> to keep their default.</summary>
    public ulong? Seed { get; }

    /// <summary>Builds <typeparamref name="TOptions"/> from its defaults, these values and the seed (see <see cref="Hyperparameters.Bind{TOptions}"/>).</summary>
    /// <exception cref="HyperparameterException">A name is not declared, or a value does not fit its declaration.</exception>
    public TOptions Bind<TOptions>()
        where TOptions : class, new()
    {
        _observer?.Invoke(typeof(TOptions));
        return Hyperparameters.Bind<TOptions>(_values, Seed);
    }

    /// <summary>The values whose names start with <paramref name="prefix"/>, with the prefix removed, and no seed: a nested learner's options, written as scikit-learn's <c>set_params</c> writes them (<c>estimator__max_depth</c>).</summary>
    /// <remarks>The nested learner gets its seed from the learner that holds it; this bag reports no <see cref="Bind{TOptions}"/> calls.</remarks>
    public LearnerOptions Nested(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return new LearnerOptions(
            _values.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(pair => KeyValuePair.Create(pair.Key[prefix.Length..], pair.Value)));
    }

    /// <summary>These values without those whose names start with <paramref name="prefix"/>, with the same seed: the outer learner's own options once its nested learner's (see <see cref="Nested"/>) are set aside.</summary>
    public LearnerOptions Without(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var values = new Dictionary<string, HyperparameterValue>(StringComparer.Ordinal);
        foreach (var (name, value) in _values)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
                values.Add(name, value);
        }
        return new LearnerOptions(values, Seed, _observer ?? (_ => { }));
    }

    /// <summary>The same values and seed, reporting each <see cref="Bind{TOptions}"/> call's options type to <paramref name="observer"/>.</summary>
    internal LearnerOptions Observed(Action<Type> observer) => new(_values, Seed, observer);
}
