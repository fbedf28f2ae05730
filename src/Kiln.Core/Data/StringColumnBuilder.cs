namespace Kiln.Core.Data;

/// <summary>Dictionary-encodes cells while reading (one string per distinct value, none per cell) and decides the final kind at the end.</summary>
internal sealed class StringColumnBuilder : ColumnBuilder
{
    private readonly CsvColumnPlan _plan;
    private readonly MissingTokens _missingTokens;
    private readonly CategoricalRule _rule;
    private readonly Dictionary<string, int> _codeByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _codeBySpan;
    private readonly List<string> _categories = [];
    private readonly ChunkedBuffer<int> _codes;
    private int _valueCount;
    private int _rangeStart;

    public StringColumnBuilder(CsvColumnPlan plan, MissingTokens missingTokens, CategoricalRule rule, ChunkedBuffer<int> codes)
    {
        _codes = codes;
        _plan = plan;
        _missingTokens = missingTokens;
        _rule = rule;
        _codeBySpan = _codeByValue.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override string Expectation => "text";

    public override bool TryAppend(ReadOnlySpan<char> cell)
    {
        if (_missingTokens.Matches(cell))
        {
            _codes.Add(CategoricalColumn.MissingCode);
            return true;
        }
        if (!_codeBySpan.TryGetValue(cell, out var code))
        {
            code = _categories.Count;
            var value = cell.ToString();
            _codeByValue.Add(value, code);
            _categories.Add(value);
        }
        _codes.Add(code);
        _valueCount++;
        return true;
    }

    public override ColumnBuilder Follow(int start, int count) =>
        new StringColumnBuilder(_plan, _missingTokens, _rule, ChunkedBuffer<int>.ForRange(_codes.Target, start, count)) { _rangeStart = start };

    /// <summary>Adds the follower's values to this dictionary and rewrites its codes (in the shared array) to this dictionary's codes.</summary>
    public override void Absorb(ColumnBuilder follower)
    {
        var other = (StringColumnBuilder)follower;
        var remap = new int[other._categories.Count];
        for (var code = 0; code < remap.Length; code++)
        {
            var value = other._categories[code];
            if (!_codeByValue.TryGetValue(value, out var mine))
            {
                mine = _categories.Count;
                _codeByValue.Add(value, mine);
                _categories.Add(value);
            }
            remap[code] = mine;
        }
        var codes = _codes.Target.AsSpan(other._rangeStart, other._codes.Count);
        for (var row = 0; row < codes.Length; row++)
        {
            if (codes[row] >= 0)
                codes[row] = remap[codes[row]];
        }
        _valueCount += other._valueCount;
    }

    public override Column Build(string name)
    {
        var codes = _codes.MoveToArray();
        var categories = _categories.ToArray();
        return _plan switch
        {
            CsvColumnPlan.Categorical => CategoricalColumn.FromOwned(name, codes, categories),
            CsvColumnPlan.Text => ToText(name, codes, categories),
            CsvColumnPlan.AnyKind => BuildInferred(name, codes, categories),
            _ => ChooseCategoricalOrText(name, codes, categories),
        };
    }

    private Column BuildInferred(string name, int[] codes, string[] categories)
    {
        if (TryMap(categories, codes, double.NaN, static (string value, out double number) => NumberParser.TryParse(value, out number), out var numbers))
            return NumericColumn.FromOwned(name, numbers);
        if (TryMap(categories, codes, (bool?)null, static (string value, out bool? flag) =>
            {
                var parsed = BooleanColumnBuilder.TryParse(value, out var plain);
                flag = plain;
                return parsed;
            }, out var flags))
        {
            return new BooleanColumn(name, flags);
        }
        if (TryMap(categories, codes, DateTimeColumn.MissingTicks, static (string value, out long ticks) => IsoDateParser.TryParse(value, out ticks), out var instants))
            return DateTimeColumn.FromOwnedTicks(name, instants);
        return ChooseCategoricalOrText(name, codes, categories);
    }

    private Column ChooseCategoricalOrText(string name, int[] codes, string[] categories) =>
        _rule.IsCategorical(categories.Length, _valueCount)
            ? CategoricalColumn.FromOwned(name, codes, categories)
            : ToText(name, codes, categories);

    private static TextColumn ToText(string name, int[] codes, string[] categories)
    {
        var values = new string?[codes.Length];
        for (var row = 0; row < codes.Length; row++)
            values[row] = codes[row] < 0 ? null : categories[codes[row]];
        return TextColumn.FromOwned(name, values);
    }

    private delegate bool Parser<T>(string value, out T result);

    /// <summary>Parses each distinct value once and, when all parse, spreads them over the rows.</summary>
    private static bool TryMap<T>(string[] categories, int[] codes, T missing, Parser<T> parse, out T[] values)
    {
        var parsed = new T[categories.Length];
        for (var i = 0; i < categories.Length; i++)
        {
            if (!parse(categories[i], out parsed[i]))
            {
                values = [];
                return false;
            }
        }
        values = new T[codes.Length];
        for (var row = 0; row < codes.Length; row++)
            values[row] = codes[row] < 0 ? missing : parsed[codes[row]];
        return true;
    }
}
