namespace Kiln.Core.Data;

/// <summary>How <see cref="CsvTable"/> reads a delimited text file: its dialect, the missing-value tokens, and any column kinds or roles the caller fixes.</summary>
/// <remarks>
/// Kinds not given in <see cref="ColumnKinds"/> are inferred from the whole file, in this order: numeric if every non-missing cell
/// is a number; boolean if every one is <c>true</c> or <c>false</c> (any letter case; 0 and 1 are numbers); date-time if every one is
/// an ISO-8601 date or timestamp; otherwise categorical or text by <see cref="CategoricalRule"/>. A column with no
/// non-missing cell is numeric (all NaN), as in pandas.
/// Numbers use the invariant culture: an optional sign, digits with an optional '.', an optional exponent (<c>1e-5</c>),
/// <c>inf</c>/<c>Infinity</c> with an optional sign; surrounding spaces are allowed; thousands separators are not.
/// <c>NaN</c> (any letter case) reads as a missing number.
/// </remarks>
public sealed record CsvReadOptions
{
    /// <summary>The default missing-value tokens: empty, <c>NA</c>, <c>NaN</c>, <c>null</c> and <c>?</c>.</summary>
    public static IReadOnlyList<string> DefaultMissingTokens { get; } = ["", "NA", "NaN", "null", "?"];

    /// <summary>The field delimiter, or <see langword="null"/> to detect it from the first line among ',', ';', tab and '|' (the one that occurs most often outside quotes; ',' when none does).</summary>
    /// <value>Default ','.</value>
    public char? Delimiter { get; init; } = ',';

    /// <summary>The quote character; inside a quoted field it is escaped by doubling it.</summary>
    /// <value>Default '"'.</value>
    public char Quote { get; init; } = '"';

    /// <summary>Whether the first line names the columns; without a header, columns are named <c>column_1</c> .. <c>column_n</c>.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool HasHeader { get; init; } = true;

    /// <summary>Cell texts that mean "missing", matched exactly and case-sensitively (after trimming when <see cref="TrimWhitespace"/> is set).</summary>
    /// <value>Default <see cref="DefaultMissingTokens"/>: empty, <c>NA</c>, <c>NaN</c>, <c>null</c>, <c>?</c>.</value>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>Whether leading and trailing spaces and tabs are removed from every cell before it is matched or stored.</summary>
    /// <value>Default <see langword="false"/> (numbers may always have surrounding spaces).</value>
    public bool TrimWhitespace { get; init; }

    /// <summary>Column kinds that override inference, by column name; a cell that does not fit its declared kind is an error.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, ColumnKind> ColumnKinds { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>Column roles for the resulting table's <see cref="Schema"/>, by column name; unnamed columns are features.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, ColumnRole> ColumnRoles { get; init; } = new Dictionary<string, ColumnRole>();

    /// <summary>The rule that makes an inferred string column categorical or text.</summary>
    /// <value>Default: categorical up to 100 distinct values or up to half the non-missing values.</value>
    public CategoricalRule CategoricalRule { get; init; } = new();

    /// <summary>How many leading rows are read first to guess the kinds; the rest of the file is then parsed straight into typed columns.</summary>
    /// <value>Default 1000.</value>
    /// <remarks>
    /// Only speed depends on it, never the result: a column guessed numeric whose later cell is not a number is re-read as
    /// strings, so the kinds are always those of the whole file.
    /// </remarks>
    public int InferenceSampleRows { get; init; } = 1000;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The delimiter and quote are equal or a line break, a token is null, or a threshold is out of range.</exception>
    public void Validate()
    {
        if (Delimiter is { } delimiter)
        {
            if (delimiter is '\r' or '\n' || delimiter == Quote)
                throw new ArgumentException($"The delimiter '{Printable(delimiter)}' cannot be a line break or the quote character.", nameof(Delimiter));
        }
        if (Quote is '\r' or '\n')
            throw new ArgumentException("The quote character cannot be a line break.", nameof(Quote));
        ArgumentNullException.ThrowIfNull(MissingTokens);
        if (MissingTokens.Any(token => token is null))
            throw new ArgumentException("A missing-value token is null; use \"\" for empty cells.", nameof(MissingTokens));
        ArgumentNullException.ThrowIfNull(ColumnKinds);
        foreach (var (name, kind) in ColumnKinds)
        {
            if (!Enum.IsDefined(kind))
                throw new ArgumentException($"Column '{name}' is declared with kind {(int)kind}, which is not a ColumnKind.", nameof(ColumnKinds));
        }
        ArgumentNullException.ThrowIfNull(ColumnRoles);
        ArgumentNullException.ThrowIfNull(CategoricalRule);
        CategoricalRule.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(InferenceSampleRows);
    }

    internal static string Printable(char character) => character switch
    {
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        _ => character.ToString(),
    };
}
