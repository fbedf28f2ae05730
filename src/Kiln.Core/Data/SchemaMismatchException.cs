namespace Kiln.Core.Data;

/// <summary>A table does not have the columns or column kinds that an operation needs.</summary>
public sealed class SchemaMismatchException : KilnException
{
    /// <summary>Creates the exception with a message naming the missing or mismatched columns.</summary>
    public SchemaMismatchException(string message) : base(message) { }
}
