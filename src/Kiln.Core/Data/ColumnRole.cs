namespace Kiln.Core.Data;

/// <summary>What a column is for in a learning task.</summary>
public enum ColumnRole
{
    /// <summary>An input to the model.</summary>
    Feature,

    /// <summary>The value to predict.</summary>
    Target,

    /// <summary>A per-row sample weight.</summary>
    Weight,

    /// <summary>A group key: rows of one group stay in one fold.</summary>
    Group,

    /// <summary>A time stamp for time-aware splitting.</summary>
    Time,

    /// <summary>A row identifier: kept with predictions, never a feature.</summary>
    Id,

    /// <summary>Not used (a leak, a free-text note, anything the user excluded).</summary>
    Ignored,
}
