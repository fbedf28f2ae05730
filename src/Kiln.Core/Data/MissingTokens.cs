namespace Kiln.Core.Data;

/// <summary>The cell texts that mean "missing", matched exactly (ordinal, case-sensitive).</summary>
internal sealed class MissingTokens
{
    private readonly string[] _tokens;

    public MissingTokens(IEnumerable<string> tokens)
    {
        _tokens = [.. tokens.Distinct(StringComparer.Ordinal)];
        foreach (var token in _tokens)
        {
            if (NumberParser.TryParse(token, out var number) && !double.IsNaN(number))
                HasNumericToken = true;
        }
    }

    /// <summary>Whether some token parses as a number (such as "-999"), so numeric cells must be checked against the tokens too.</summary>
    public bool HasNumericToken { get; }

    public bool Matches(ReadOnlySpan<char> cell)
    {
        foreach (var token in _tokens)
        {
            if (cell.SequenceEqual(token))
                return true;
        }
        return false;
    }

    /// <summary>The tokens as a user reads them in a message: <c>empty, NA, NaN</c>.</summary>
    public string Describe() => _tokens.Length == 0
        ? "(no missing tokens are set)"
        : string.Join(", ", _tokens.Select(token => token.Length == 0 ? "empty" : token));
}
