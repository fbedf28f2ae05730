namespace Kiln.Core.Learners;

/// <summary>A hyperparameter value that cannot be used: an unknown name, a value of the wrong type, out of range or not among the choices.</summary>
/// <remarks>
/// <see cref="Key"/> names the hyperparameter (or the unknown name) so that a caller reading a file can point at its line;
/// <see cref="Problem"/> is the message without the subject, for callers that add their own.
/// </remarks>
public sealed class HyperparameterException : KilnException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">What the hyperparameters belong to: a learner name or an options type.</param>
    /// <param name="key">The hyperparameter name, or <see langword="null"/> when the values are wrong only together.</param>
    /// <param name="problem">What is wrong and what to do, without the subject.</param>
    /// <param name="isUnknownKey">Whether <paramref name="key"/> is not a declared hyperparameter.</param>
    public HyperparameterException(string subject, string? key, string problem, bool isUnknownKey)
        : base(Compose(subject, key, problem, isUnknownKey))
    {
        Subject = subject;
        Key = key;
        Problem = problem;
        IsUnknownKey = isUnknownKey;
    }

    /// <summary>Creates the exception for values an estimator refused together (the inner exception says why).</summary>
    /// <param name="subject">What the hyperparameters belong to: a learner name or an options type.</param>
    /// <param name="problem">What is wrong and what to do, without the subject.</param>
    /// <param name="innerException">The estimator's own failure.</param>
    public HyperparameterException(string subject, string problem, Exception innerException)
        : base(Compose(subject, null, problem, false), innerException)
    {
        Subject = subject;
        Problem = problem;
    }

    /// <summary>What the hyperparameters belong to: a learner name or an options type.</summary>
    public string Subject { get; }

    /// <summary>The hyperparameter name, or <see langword="null"/> when the values are wrong only together.</summary>
    public string? Key { get; }

    /// <summary>What is wrong and what to do, without the subject.</summary>
    public string Problem { get; }

    /// <summary>Whether <see cref="Key"/> is not a declared hyperparameter.</summary>
    public bool IsUnknownKey { get; }

    /// <summary>The same failure attributed to <paramref name="subject"/> (for example a learner name instead of its options type).</summary>
    public HyperparameterException WithSubject(string subject) =>
        InnerException is null ? new(subject, Key, Problem, IsUnknownKey) : new(subject, Problem, InnerException);

    private static string Compose(string subject, string? key, string problem, bool isUnknownKey) =>
        key is null || isUnknownKey ? $"{subject}: {problem}" : $"{subject}, '{key}': {problem}";
}
