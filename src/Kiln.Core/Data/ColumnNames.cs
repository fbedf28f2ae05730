namespace Kiln.Core.Data;

internal static class ColumnNames
{
    public const int MaxLength = 1024;

    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException("A column name cannot be empty.", nameof(name));
        if (name.Length > MaxLength)
            throw new ArgumentException($"A column name is {name.Length} characters long; at most {MaxLength} are allowed.", nameof(name));
        if (name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("A column name cannot contain a NUL character.", nameof(name));
    }
}
