namespace Kiln.Core.Data;

/// <summary>A dictionary-encoded column of strings: each row holds a code into <see cref="Categories"/>, or -1 when missing.</summary>
public sealed class CategoricalColumn : Column
{
    /// <summary>The code of a missing value.</summary>
    public const int MissingCode = -1;

    private readonly int[] _codes;
    private readonly string[] _categories;

    private CategoricalColumn(string name, int[] codes, string[] categories)
        : base(name, codes.Length)
    {
        _codes = codes;
        _categories = categories;
    }

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Categorical;

    /// <summary>The distinct values, in the order codes refer to them (first appearance when built from values).</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>The code of each row, -1 where missing.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/> when missing.</summary>
    public string? this[int row]
    {
        get
        {
            var code = _codes[row];
            return code < 0 ? null : _categories[code];
        }
    }

    /// <summary>Encodes <paramref name="values"/>; <see langword="null"/> is missing. Categories are numbered in order of first appearance.</summary>
    public static CategoricalColumn FromValues(string name, IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        var codes = new List<int>();
        foreach (var value in values)
        {
            if (value is null)
            {
                codes.Add(MissingCode);
                continue;
            }
            if (!dictionary.TryGetValue(value, out var code))
            {
                code = categories.Count;
                dictionary.Add(value, code);
                categories.Add(value);
            }
            codes.Add(code);
        }
        return new CategoricalColumn(name, [.. codes], [.. categories]);
    }

    /// <summary>Builds a column from codes into <paramref name="categories"/> (both copied).</summary>
    /// <exception cref="ArgumentException">A category repeats, or a code is below -1 or past the last category.</exception>
    public static CategoricalColumn FromCodes(string name, ReadOnlySpan<int> codes, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return FromOwned(name, codes.ToArray(), [.. categories]);
    }

    /// <summary>Wraps <paramref name="codes"/> and <paramref name="categories"/> without copying; the caller must not change them afterwards.</summary>
    /// <exception cref="ArgumentException">A category repeats or is null, or a code is below -1 or past the last category.</exception>
    public static CategoricalColumn FromOwned(string name, int[] codes, string[] categories)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(categories);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            if (category is null)
                throw new ArgumentException($"Column '{name}': a category cannot be null; missing values are code -1.", nameof(categories));
            if (!seen.Add(category))
                throw new ArgumentException($"Column '{name}': category '{category}' appears twice.", nameof(categories));
        }
        foreach (var code in codes)
        {
            if (code < MissingCode || code >= categories.Length)
                throw new ArgumentException($"Column '{name}': code {code} is outside -1..{categories.Length - 1}.", nameof(codes));
        }
        return new CategoricalColumn(name, codes, categories);
    }

    /// <summary>The code of <paramref name="category"/>, or -1 when it is not one of <see cref="Categories"/>.</summary>
    public int CodeOf(string category) => Array.IndexOf(_categories, category);

    /// <inheritdoc/>
    public override bool IsMissing(int row) => _codes[row] < 0;

    /// <inheritdoc/>
    public override string? FormatValue(int row) => this[row];

    /// <inheritdoc/>
    public override Column Take(ReadOnlySpan<int> rows) => new CategoricalColumn(Name, Gather(_codes, rows), _categories);

    /// <inheritdoc/>
    public override Column Rename(string name) => new CategoricalColumn(name, _codes, _categories);
}
