namespace Kiln.Workflow.Steps;

/// <summary>Small helpers for the messages steps pass on.</summary>
internal static class Messages
{
    /// <summary>An argument exception's message without the " (Parameter 'x')" the runtime appends: the user never named that parameter.</summary>
    public static string Of(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } parameter })
        {
            var suffix = $" (Parameter '{parameter}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
                message = message[..^suffix.Length];
        }
        return message;
    }
}
