namespace Kiln.Core.Data;

/// <summary>How <see cref="CsvTable"/> writes a table as delimited text.</summary>
public sealed record CsvWriteOptions
{
    /// <summary>The field delimiter.</summary>
    /// <value>Default ','.</value>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first line holds the column names.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool WriteHeader { get; init; } = true;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The delimiter is a quote or a line break.</exception>
    public void Validate()
    {
        if (Delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"The delimiter '{CsvReadOptions.Printable(Delimiter)}' cannot be a quote or a line break.", nameof(Delimiter));
    }
}
