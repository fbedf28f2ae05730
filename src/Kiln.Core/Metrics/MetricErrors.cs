namespace Kiln.Core.Metrics;

/// <summary>Turns the exception of an undefined metric into the message a report shows.</summary>
internal static class MetricErrors
{
    /// <summary>The exception's message without the " (Parameter 'x')" suffix that <see cref="ArgumentException"/> appends.</summary>
    internal static string Message(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = exception.ParamName is null ? null : $" (Parameter '{exception.ParamName}')";
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
