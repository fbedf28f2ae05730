using System.Globalization;

namespace Kiln.Core.Data;

/// <summary>A column of instants, stored as UTC ticks; any value may be missing.</summary>
public sealed class DateTimeColumn : Column
{
    /// <summary>The tick value that marks a missing instant.</summary>
    public const long MissingTicks = long.MinValue;

    private readonly long[] _ticks;

    private DateTimeColumn(string name, long[] ticks)
        : base(name, ticks.Length)
    {
        _ticks = ticks;
    }

    /// <summary>Creates a column from <paramref name="values"/>; <see langword="null"/> is missing. Local and unspecified times are taken as UTC.</summary>
    public DateTimeColumn(string name, ReadOnlySpan<DateTime?> values)
        : this(name, Encode(values))
    {
    }

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.DateTime;

    /// <summary>UTC ticks per row, <see cref="MissingTicks"/> where missing.</summary>
    public ReadOnlySpan<long> Ticks => _ticks;

    /// <summary>The instant at <paramref name="row"/> (UTC), or <see langword="null"/> when missing.</summary>
    public DateTime? this[int row]
    {
        get
        {
            var ticks = _ticks[row];
            return ticks == MissingTicks ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>Wraps UTC <paramref name="ticks"/> without copying; the caller must not change the array afterwards.</summary>
    /// <exception cref="ArgumentException">A tick value is outside the range of <see cref="DateTime"/> and is not <see cref="MissingTicks"/>.</exception>
    public static DateTimeColumn FromOwnedTicks(string name, long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        foreach (var value in ticks)
        {
            if (value != MissingTicks && (value < DateTime.MinValue.Ticks || value > DateTime.MaxValue.Ticks))
                throw new ArgumentException($"Column '{name}': {value} is not a valid tick count.", nameof(ticks));
        }
        return new DateTimeColumn(name, ticks);
    }

    /// <inheritdoc/>
    public override bool IsMissing(int row) => _ticks[row] == MissingTicks;

    /// <inheritdoc/>
    public override string? FormatValue(int row) => this[row]?.ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override Column Take(ReadOnlySpan<int> rows) => new DateTimeColumn(Name, Gather(_ticks, rows));

    /// <inheritdoc/>
    public override Column Rename(string name) => new DateTimeColumn(name, _ticks);

    private static long[] Encode(ReadOnlySpan<DateTime?> values)
    {
        var ticks = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
            ticks[i] = values[i] is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc).Ticks : MissingTicks;
        return ticks;
    }
}
