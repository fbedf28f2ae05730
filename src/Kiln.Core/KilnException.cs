namespace Kiln.Core;

/// <summary>The base of every failure a user can cause and fix: bad data, a bad file, a mismatched schema.</summary>
/// <remarks>The CLI prints the message without a stack trace and exits with code 1; the server returns it as problem details.</remarks>
public class KilnException : Exception
{
    /// <summary>Creates an exception with a message that says what was wrong, where, and what to do.</summary>
    public KilnException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public KilnException(string message, Exception innerException) : base(message, innerException) { }
}
