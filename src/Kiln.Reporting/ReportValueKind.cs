namespace Kiln.Reporting;

/// <summary>What a <see cref="ReportValue"/> holds, which decides how the page writes it.</summary>
public enum ReportValueKind
{
    /// <summary>Text, written as given (escaped).</summary>
    Text,

    /// <summary>A measurement, written with 4 significant digits.</summary>
    Number,

    /// <summary>A count, written with thousands separators.</summary>
    Count,

    /// <summary>A fraction of a whole, written as a percentage.</summary>
    Share,
}
