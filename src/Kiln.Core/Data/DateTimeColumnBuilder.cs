namespace Kiln.Core.Data;

/// <summary>Parses cells as ISO-8601 dates or timestamps into UTC ticks.</summary>
internal sealed class DateTimeColumnBuilder(MissingTokens missingTokens, ChunkedBuffer<long> ticks) : ColumnBuilder
{
    public override string Expectation => "an ISO-8601 date or timestamp (such as 2024-01-31 or 2024-01-31T08:00:00Z)";

    public override bool TryAppend(ReadOnlySpan<char> cell)
    {
        if (IsoDateParser.TryParse(cell, out var value))
        {
            ticks.Add(value);
            return true;
        }
        if (missingTokens.Matches(cell))
        {
            ticks.Add(DateTimeColumn.MissingTicks);
            return true;
        }
        return false;
    }

    public override ColumnBuilder Follow(int start, int count) =>
        new DateTimeColumnBuilder(missingTokens, ChunkedBuffer<long>.ForRange(ticks.Target, start, count));

    public override Column Build(string name) => DateTimeColumn.FromOwnedTicks(name, ticks.MoveToArray());
}
