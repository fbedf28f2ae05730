namespace Kiln.Core.Data;

/// <summary>Reads a CSV source into a <see cref="Table"/>: a first pass for the header, kind guesses and row count, then one typed pass.</summary>
/// <remarks>
/// <para>The first pass checks the header, guesses kinds from the leading rows and, unless the source is gzip, counts the rows
/// (Sylvan finds records without touching fields, so this costs little) and finds ragged rows early. Knowing the count, the typed
/// pass writes each column straight into its exact-size final array: no growth, no copy, no second copy of the data in memory.
/// For gzip the columns grow in chunks and are copied once at the end.</para>
/// <para>The typed pass parses numeric cells straight from the parser's spans and dictionary-encodes string cells. When a cell
/// breaks a kind that was only guessed (a later "abc" in a column whose leading rows were all numbers), that column is noted
/// and, after the pass, the file is read again with the column stored as strings, so the result never depends on how many
/// rows were sampled. A cell that breaks a declared kind is an error.</para>
/// <para>A large plain file is read in two byte ranges on two threads, split at a line feed past the middle; the split is kept
/// only when the first range ends cleanly (not inside a quoted field), otherwise one reader reads the whole file.</para>
/// </remarks>
internal sealed class CsvTableReader
{
    private const int MaxShownValueLength = 100;
    private const int MaxRows = 2_000_000_000;

    private readonly CsvSource _source;
    private readonly CsvReadOptions _options;
    private readonly MissingTokens _missingTokens;

    public CsvTableReader(CsvSource source, CsvReadOptions options)
    {
        _source = source;
        _options = options;
        _missingTokens = new MissingTokens(options.MissingTokens);
    }

    public Table Read()
    {
        _source.EnsureText();
        var delimiter = _options.Delimiter ?? DetectDelimiter();
        var layout = TryScanInParts(delimiter) ?? Scan(delimiter);
        var plans = layout.Plans;
        while (true)
        {
            var columns = layout.Parts.Length == 1
                ? ReadColumns(delimiter, layout, out var demoted)
                : ReadColumnsInParts(delimiter, layout, out demoted);
            if (columns is not null)
                return new Table(columns, _options.ColumnRoles.Count == 0 ? null : _options.ColumnRoles);
            foreach (var index in demoted)
                plans[index] = CsvColumnPlan.CategoricalOrText;
        }
    }

    /// <summary>The first pass over the whole source: header, kinds from the leading rows, and the row count unless the source is compressed.</summary>
    private Layout Scan(char delimiter)
    {
        using var cursor = CsvRecordCursor.Open(_source, delimiter, _options);
        var (names, plans, isDeclared) = ReadHeader(cursor);
        var rowCount = InferFromLeadingRows(cursor, plans, isDeclared, countAllRows: !_source.IsCompressed);
        return new Layout(names, plans, isDeclared, [new CsvPart(0, long.MaxValue, 0, null)], rowCount is { } rows ? [rows] : null);
    }

    /// <summary>
    /// The first pass on two threads, for a large plain file: the first half (with the header and the kind guesses) and the
    /// second half, which starts at the first line feed past the middle, are counted at once. If that line feed lies inside a
    /// quoted field the first half ends inside an open quote; then, and on any other problem, the whole file is scanned again
    /// by one reader, which also reports the problem with its true line.
    /// </summary>
    private Layout? TryScanInParts(char delimiter)
    {
        if (!_source.CanReadInParts || Environment.ProcessorCount < 2 || _source.FindMiddleLineStart() is not { } split)
            return null;
        using var first = CsvRecordCursor.Open(_source, delimiter, _options, new CsvPart(0, split, 0, null));
        var (names, plans, isDeclared) = ReadHeader(first);
        var secondCount = Task.Run(() =>
        {
            using var second = CsvRecordCursor.Open(_source, delimiter, _options, new CsvPart(split, long.MaxValue, 0, names.Length));
            var rows = 0;
            while (second.MoveNext())
                rows++;
            return rows;
        });
        int firstRows;
        try
        {
            firstRows = InferFromLeadingRows(first, plans, isDeclared, countAllRows: true)!.Value;
        }
        catch (DataFormatException)
        {
            WaitIgnoringFailure(secondCount);
            return null;
        }
        if (!WaitIgnoringFailure(secondCount) || (long)firstRows + secondCount.Result > MaxRows)
            return null;
        CsvPart[] parts =
        [
            new CsvPart(0, split, 0, null),
            new CsvPart(split, long.MaxValue, first.LinesConsumed, names.Length),
        ];
        return new Layout(names, plans, isDeclared, parts, [firstRows, secondCount.Result]);
    }

    /// <summary>Waits for <paramref name="task"/>; returns whether it succeeded (a failure is left for the one-reader pass to report).</summary>
    private static bool WaitIgnoringFailure(Task task)
    {
        try
        {
            task.Wait();
            return true;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private Column[]? ReadColumns(char delimiter, Layout layout, out List<int> demoted)
    {
        var rowCount = layout.RowCounts?[0];
        var builders = new ColumnBuilder[layout.Names.Length];
        for (var field = 0; field < builders.Length; field++)
            builders[field] = ColumnBuilder.Create(layout.Plans[field], _missingTokens, _options.CategoricalRule, rowCount);
        using (var cursor = CsvRecordCursor.Open(_source, delimiter, _options))
            demoted = ReadPart(cursor, builders, layout, rowCount);
        return demoted.Count > 0 ? null : Build(builders, layout.Names);
    }

    private Column[]? ReadColumnsInParts(char delimiter, Layout layout, out List<int> demoted)
    {
        var counts = layout.RowCounts!;
        var total = counts[0] + counts[1];
        var builders = new ColumnBuilder[layout.Names.Length];
        var followers = new ColumnBuilder[builders.Length];
        for (var field = 0; field < builders.Length; field++)
        {
            builders[field] = ColumnBuilder.Create(layout.Plans[field], _missingTokens, _options.CategoricalRule, total, counts[0]);
            followers[field] = builders[field].Follow(counts[0], counts[1]);
        }
        var second = Task.Run(() =>
        {
            using var cursor = CsvRecordCursor.Open(_source, delimiter, _options, layout.Parts[1]);
            return ReadPart(cursor, followers, layout, counts[1]);
        });
        List<int> firstDemoted;
        try
        {
            using var cursor = CsvRecordCursor.Open(_source, delimiter, _options, layout.Parts[0]);
            firstDemoted = ReadPart(cursor, builders, layout, counts[0]);
        }
        catch
        {
            // The first part's error comes first in the file; the second part's outcome no longer matters.
            WaitIgnoringFailure(second);
            throw;
        }
        var secondDemoted = second.GetAwaiter().GetResult();
        demoted = [.. firstDemoted.Union(secondDemoted)];
        if (demoted.Count > 0)
            return null;
        for (var field = 0; field < builders.Length; field++)
            builders[field].Absorb(followers[field]);
        return Build(builders, layout.Names);
    }

    private static Column[] Build(ColumnBuilder[] builders, string[] names)
    {
        var columns = new Column[builders.Length];
        for (var field = 0; field < builders.Length; field++)
        {
            columns[field] = builders[field].Build(names[field]);
            builders[field] = null!;
        }
        return columns;
    }

    /// <summary>Reads the records of one cursor into <paramref name="builders"/>; returns the columns whose guessed kind a cell broke.</summary>
    private List<int> ReadPart(CsvRecordCursor cursor, ColumnBuilder[] builders, Layout layout, int? expectedRows)
    {
        var fieldCount = builders.Length;
        var isBroken = new bool[fieldCount];
        var isDeclared = layout.IsDeclared;
        var demoted = new List<int>();
        var trim = _options.TrimWhitespace;
        var rowLimit = expectedRows ?? MaxRows;
        var rowCount = 0;
        while (cursor.MoveNext())
        {
            if (rowCount == rowLimit)
                throw expectedRows is null ? TooManyRows(cursor) : ChangedWhileReading();
            for (var field = 0; field < fieldCount; field++)
            {
                var cell = cursor[field];
                if (trim)
                    cell = cell.Trim(" \t");
                if (builders[field].TryAppend(cell) || isBroken[field])
                    continue;
                if (isDeclared[field])
                    throw BadCell(cursor, field, layout.Names[field], layout.Plans[field], builders[field], cell);
                isBroken[field] = true;
                demoted.Add(field);
                builders[field] = new StringColumnBuilder(CsvColumnPlan.CategoricalOrText, _missingTokens, _options.CategoricalRule, new ChunkedBuffer<int>());
            }
            rowCount++;
        }
        if (expectedRows is { } expected && rowCount != expected)
            throw ChangedWhileReading();
        return demoted;
    }

    private DataFormatException ChangedWhileReading() => new(
        $"{_source.DisplayName} changed while it was being read (its row count differs between two passes). Read it again once nothing writes to it.",
        file: _source.DisplayName);

    private (string[] Names, CsvColumnPlan[] Plans, bool[] IsDeclared) ReadHeader(CsvRecordCursor cursor)
    {
        var names = ValidateNames(cursor);
        var isDeclared = new bool[names.Length];
        var plans = new CsvColumnPlan[names.Length];
        ApplyDeclaredKinds(names, plans, isDeclared);
        return (names, plans, isDeclared);
    }

    /// <summary>Guesses kinds from the leading rows; returns the number of rows when <paramref name="countAllRows"/> (a cheap scan that also finds ragged rows early).</summary>
    private int? InferFromLeadingRows(CsvRecordCursor cursor, CsvColumnPlan[] plans, bool[] isDeclared, bool countAllRows)
    {
        var fieldCount = plans.Length;
        var states = new InferenceState[fieldCount];
        var trim = _options.TrimWhitespace;
        var rows = 0;
        while (rows < _options.InferenceSampleRows && cursor.MoveNext())
        {
            for (var field = 0; field < fieldCount; field++)
            {
                if (isDeclared[field])
                    continue;
                var cell = cursor[field];
                if (trim)
                    cell = cell.Trim(" \t");
                if (!_missingTokens.Matches(cell))
                    states[field].Observe(cell);
            }
            rows++;
        }
        for (var field = 0; field < fieldCount; field++)
        {
            if (!isDeclared[field])
                plans[field] = states[field].Plan;
        }
        if (!countAllRows)
            return null;
        while (cursor.MoveNext())
        {
            if (rows == MaxRows)
                throw TooManyRows(cursor);
            rows++;
        }
        return rows;
    }

    private DataFormatException TooManyRows(CsvRecordCursor cursor) => new(
        $"{_source.DisplayName}, line {cursor.Line}: the file has more than {MaxRows:N0} rows, more than a table can hold. Split it into parts.",
        file: _source.DisplayName, line: cursor.Line);

    private void ApplyDeclaredKinds(string[] names, CsvColumnPlan[] plans, bool[] isDeclared)
    {
        var known = new HashSet<string>(names, StringComparer.Ordinal);
        var unknown = _options.ColumnKinds.Keys.Concat(_options.ColumnRoles.Keys).Where(name => !known.Contains(name)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaMismatchException(
                $"The read options name column{(unknown.Count == 1 ? "" : "s")} {Schema.Describe(unknown)}, which {_source.DisplayName} does not have. " +
                $"Its columns are: {Schema.Describe(names)}.");
        }
        for (var field = 0; field < names.Length; field++)
        {
            if (!_options.ColumnKinds.TryGetValue(names[field], out var kind))
                continue;
            isDeclared[field] = true;
            plans[field] = kind switch
            {
                ColumnKind.Numeric => CsvColumnPlan.Numeric,
                ColumnKind.Boolean => CsvColumnPlan.Boolean,
                ColumnKind.DateTime => CsvColumnPlan.DateTime,
                ColumnKind.Categorical => CsvColumnPlan.Categorical,
                ColumnKind.Text => CsvColumnPlan.Text,
                _ => throw new System.Diagnostics.UnreachableException($"CsvReadOptions.Validate lets kind {kind} through."),
            };
        }
    }

    private string[] ValidateNames(CsvRecordCursor cursor)
    {
        var names = cursor.Names.ToArray();
        var line = cursor.HeaderLine;
        var firstPosition = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var field = 0; field < names.Length; field++)
        {
            var name = names[field];
            var position = field + 1;
            if (name.Length == 0)
            {
                throw new DataFormatException(
                    $"{_source.DisplayName}, line {line}: column {position} of the header has no name. Give every column a name " +
                    "(or read with HasHeader = false to name them column_1 .. column_n).",
                    file: _source.DisplayName, line: line);
            }
            if (name.Length > ColumnNames.MaxLength || name.Contains('\0', StringComparison.Ordinal))
            {
                throw new DataFormatException(
                    $"{_source.DisplayName}, line {line}: the name of column {position} is not a usable column name " +
                    $"(longer than {ColumnNames.MaxLength} characters or containing a NUL character). Check that line {line} is a header.",
                    file: _source.DisplayName, line: line);
            }
            if (!firstPosition.TryAdd(name, position))
            {
                throw new DataFormatException(
                    $"{_source.DisplayName}, line {line}: column name '{name}' appears twice in the header (columns {firstPosition[name]} and {position}). " +
                    "Rename one of them so that every column name is unique.",
                    file: _source.DisplayName, line: line, column: name);
            }
        }
        return names;
    }

    private DataFormatException BadCell(CsvRecordCursor cursor, int field, string name, CsvColumnPlan plan, ColumnBuilder builder, ReadOnlySpan<char> cell)
    {
        var line = cursor.LineOf(field);
        var value = cell.ToString();
        var shown = value.Length > MaxShownValueLength ? string.Concat(value.AsSpan(0, MaxShownValueLength), "...") : value;
        var kindWord = plan switch
        {
            CsvColumnPlan.Numeric => "categorical",
            _ => "categorical or text",
        };
        return new DataFormatException(
            $"{_source.DisplayName}, line {line}, column '{name}': '{shown}' is not {builder.Expectation}. " +
            $"Fix the value, mark it missing ({_missingTokens.Describe()}), or declare the column {kindWord}.",
            file: _source.DisplayName, line: line, column: name, value: value);
    }

    private char DetectDelimiter()
    {
        using var text = _source.OpenText();
        try
        {
            return DelimiterDetector.Detect(text, _options.Quote);
        }
        catch (System.Text.DecoderFallbackException exception)
        {
            throw _source.NotUtf8(exception);
        }
        catch (InvalidDataException exception)
        {
            throw _source.NotGzip(exception);
        }
    }

    /// <summary>What the first pass learned: names, how to store each column, and the parts and their row counts (when counted).</summary>
    private sealed record Layout(string[] Names, CsvColumnPlan[] Plans, bool[] IsDeclared, CsvPart[] Parts, int[]? RowCounts);

    /// <summary>What the leading rows allow a column to be (also used by <see cref="CsvChunkReader"/>).</summary>
    internal struct InferenceState
    {
        private bool _sawValue;
        private bool _isNotNumber;
        private bool _isNotBoolean;
        private bool _isNotDateTime;

        public readonly CsvColumnPlan Plan =>
            !_sawValue ? CsvColumnPlan.AnyKind
            : !_isNotNumber ? CsvColumnPlan.Numeric
            : !_isNotBoolean ? CsvColumnPlan.Boolean
            : !_isNotDateTime ? CsvColumnPlan.DateTime
            : CsvColumnPlan.CategoricalOrText;

        public void Observe(ReadOnlySpan<char> cell)
        {
            _sawValue = true;
            if (!_isNotNumber && !NumberParser.TryParse(cell, out _))
                _isNotNumber = true;
            if (!_isNotBoolean && !BooleanColumnBuilder.TryParse(cell, out _))
                _isNotBoolean = true;
            if (!_isNotDateTime && !IsoDateParser.TryParse(cell, out _))
                _isNotDateTime = true;
        }
    }
}
