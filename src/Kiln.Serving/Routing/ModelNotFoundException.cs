using Kiln.Core;

namespace Kiln.Serving.Routing;

/// <summary>The registry has no such model or version.</summary>
internal sealed class ModelNotFoundException : KilnException
{
    /// <summary>Creates the exception with a message that names the model and what exists.</summary>
    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
