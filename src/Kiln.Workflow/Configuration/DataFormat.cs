namespace Kiln.Workflow.Configuration;

/// <summary>The file format of a data source.</summary>
public enum DataFormat
{
    /// <summary>Delimited text, plain or gzip-compressed (<c>.csv</c>, <c>.tsv</c>, <c>.txt</c>, <c>.gz</c>).</summary>
    Csv,

    /// <summary>Apache Parquet (<c>.parquet</c>, <c>.pq</c>).</summary>
    Parquet,
}
