using Kiln.Core;

namespace Kiln.Cli;

/// <summary>The user asked for something the input cannot give (a missing column, a bad option value): exit code 1, message only.</summary>
internal sealed class CliUsageException : KilnException
{
    public CliUsageException(string message)
        : base(message)
    {
    }
}
