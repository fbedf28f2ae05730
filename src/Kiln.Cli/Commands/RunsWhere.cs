using System.Globalization;
using Kiln.Tracking;

namespace Kiln.Cli.Commands;

/// <summary>The <c>--where</c> filter of <c>kiln runs list</c>: clauses joined by <c>and</c>, each <c>metrics.KEY OP NUMBER</c>, <c>params.KEY OP 'TEXT'</c> or <c>tags.KEY OP 'TEXT'</c>.</summary>
/// <remarks>
/// Operators: <c>&gt; &gt;= &lt; &lt;= = !=</c> for metrics (compared with the metric's last value, the one at its highest step;
/// a run without the metric never passes), <c>= !=</c> for parameters and tags (a run without the key passes only
/// <c>!=</c>). Text is quoted with <c>'</c> or <c>"</c>; a bare word is taken as written. A problem names the column of
/// the token where it is, 1-based.
/// </remarks>
internal sealed class RunsWhere
{
    private readonly List<Clause> _clauses;

    private RunsWhere(List<Clause> clauses) => _clauses = clauses;

    /// <summary>Whether any clause reads metrics (so the runs' metrics must be read).</summary>
    public bool NeedsMetrics => _clauses.Any(clause => clause.Source == "metrics");

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="CliUsageException">The text is not a filter; the message points at the column of the bad token.</exception>
    public static RunsWhere Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        var clauses = new List<Clause>();
        var position = 0;
        while (true)
        {
            clauses.Add(ParseClause(text, tokens, ref position));
            if (position == tokens.Count)
                break;
            if (!tokens[position].Text.Equals("and", StringComparison.OrdinalIgnoreCase) || tokens[position].Quoted)
                throw Error(text, tokens[position].Column, $"expected 'and' between clauses, got '{tokens[position].Text}'.");
            position++;
            if (position == tokens.Count)
                throw Error(text, text.Length + 1, "expected a clause after 'and', got the end of the filter.");
        }
        return new RunsWhere(clauses);
    }

    /// <summary>Whether a run passes every clause.</summary>
    /// <param name="run">The run.</param>
    /// <param name="lastMetrics">The run's metrics' last values, by key (read only when <see cref="NeedsMetrics"/>).</param>
    public bool Matches(Run run, IReadOnlyDictionary<string, double> lastMetrics)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(lastMetrics);
        foreach (var clause in _clauses)
        {
            var passes = clause.Source switch
            {
                "metrics" => lastMetrics.TryGetValue(clause.Key, out var value) && Compare(value, clause.Operator, clause.Number),
                "params" => Compare(run.Parameters.GetValueOrDefault(clause.Key), clause.Operator, clause.Text),
                _ => Compare(run.Tags.GetValueOrDefault(clause.Key), clause.Operator, clause.Text),
            };
            if (!passes)
                return false;
        }
        return true;
    }

    private static Clause ParseClause(string text, List<Token> tokens, ref int position)
    {
        var field = tokens[position];
        var dot = field.Text.IndexOf('.', StringComparison.Ordinal);
        var source = dot > 0 ? field.Text[..dot] : field.Text;
        if (field.Quoted || source is not ("metrics" or "params" or "tags"))
            throw Error(text, field.Column, $"expected metrics.KEY, params.KEY or tags.KEY, got '{field.Text}'.");
        var key = field.Text[(dot + 1)..];
        if (dot < 0 || key.Length == 0)
            throw Error(text, field.Column + field.Text.Length, $"expected a key after '{source}.', such as {source}.{(source == "metrics" ? "accuracy" : "name")}.");
        position++;
        if (position == tokens.Count)
            throw Error(text, text.Length + 1, "expected an operator (>, >=, <, <=, =, !=), got the end of the filter.");
        var op = tokens[position];
        string[] operators = source == "metrics" ? [">", ">=", "<", "<=", "=", "!="] : ["=", "!="];
        if (op.Quoted || !operators.Contains(op.Text, StringComparer.Ordinal))
        {
            throw Error(text, op.Column, source == "metrics"
                ? $"expected an operator (>, >=, <, <=, =, !=), got '{op.Text}'."
                : $"{source} are text and compare with = or !=, got '{op.Text}'.");
        }
        position++;
        if (position == tokens.Count)
            throw Error(text, text.Length + 1, $"expected a value after '{op.Text}', got the end of the filter.");
        var value = tokens[position];
        position++;
        if (source != "metrics")
            return new Clause(source, key, op.Text, value.Text, 0);
        if (value.Quoted || !double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw Error(text, value.Column, $"expected a number to compare {field.Text} with, got '{value.Text}'.");
        return new Clause(source, key, op.Text, value.Text, number);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                    throw Error(text, start + 1, $"the text starting here has no closing {c}.");
                tokens.Add(new Token(text[(i + 1)..end], start + 1, Quoted: true));
                i = end + 1;
            }
            else if (c is '<' or '>' or '=' or '!')
            {
                i++;
                if (i < text.Length && text[i] == '=')
                    i++;
                tokens.Add(new Token(text[start..i], start + 1, Quoted: false));
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('<' or '>' or '=' or '!' or '\'' or '"'))
                    i++;
                tokens.Add(new Token(text[start..i], start + 1, Quoted: false));
            }
        }
        if (tokens.Count == 0)
            throw Error(text, 1, "the filter is empty; write a clause such as \"metrics.accuracy > 0.9\".");
        return tokens;
    }

    private static bool Compare(double value, string op, double number) => op switch
    {
        ">" => value > number,
        ">=" => value >= number,
        "<" => value < number,
        "<=" => value <= number,
        "=" => value == number,
        _ => value != number,
    };

    private static bool Compare(string? value, string op, string text) =>
        op == "=" ? string.Equals(value, text, StringComparison.Ordinal) : !string.Equals(value, text, StringComparison.Ordinal);

    private static CliUsageException Error(string text, int column, string problem) =>
        new($"--where, column {column}: {problem}\n  {text}\n  {new string(' ', Math.Max(0, column - 1))}^");

    private sealed record Token(string Text, int Column, bool Quoted);

    private sealed record Clause(string Source, string Key, string Operator, string Text, double Number);
}
