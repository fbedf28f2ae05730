namespace Kiln.Core.Data;

/// <summary>A data file holds a value or structure that cannot be read as asked; the message names the file, line, column and value.</summary>
public sealed class DataFormatException : KilnException
{
    /// <summary>Creates the exception; <paramref name="message"/> should already name the place and value.</summary>
    public DataFormatException(string message, string? file = null, long? line = null, string? column = null, string? value = null)
        : base(message)
    {
        File = file;
        Line = line;
        Column = column;
        Value = value;
    }

    /// <summary>Creates the exception with the lower-level failure that caused it.</summary>
    public DataFormatException(string message, Exception innerException, string? file = null)
        : base(message, innerException)
    {
        File = file;
    }

    /// <summary>The file that was being read, when known.</summary>
    public string? File { get; }

    /// <summary>The 1-based physical line of the file, when known.</summary>
    public long? Line { get; }

    /// <summary>The column name, when known.</summary>
    public string? Column { get; }

    /// <summary>The offending value as text, when known.</summary>
    public string? Value { get; }
}
