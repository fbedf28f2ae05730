using Microsoft.Extensions.Logging;

namespace Kiln.Serving.Predictions;

/// <summary>What the prediction log tells the server's log.</summary>
internal static partial class PredictionLogMessages
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction log: remembered {Ids} prediction ids for feedback from {Files} log files under {Folder} in {Milliseconds} ms.")]
    public static partial void Remembered(ILogger logger, int ids, int files, string folder, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prediction log: skipped {BadLines} lines that are not prediction lines and {TornLines} last lines cut short (a crash) in the log files under {Folder}; their ids take no feedback.")]
    public static partial void Skipped(ILogger logger, int badLines, int tornLines, string folder);
}
