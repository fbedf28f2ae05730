using System.CommandLine;
using Kiln.Serving;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln serve</c>'s options for the prediction log and the request limits: <c>--log-sample</c>, <c>--log-file-mb</c>, <c>--log-files</c>, <c>--no-log</c>, <c>--max-rows</c>, <c>--max-body-mb</c>.</summary>
internal sealed class ServeLogFlags
{
    private static readonly ServingOptions Defaults = new();

    private readonly Option<double> _sample = new("--log-sample") { Description = "The share of predicted rows written to the prediction log, from 0 (none) to 1 (every row).", DefaultValueFactory = _ => Defaults.PredictionLog.SamplingRate, HelpName = "share" };
    private readonly Option<double> _fileMegabytes = new("--log-file-mb") { Description = "The size in MiB at which a prediction or feedback log file is closed and the next one started.", DefaultValueFactory = _ => Defaults.PredictionLog.MaxFileBytes / (1024.0 * 1024.0), HelpName = "MiB" };
    private readonly Option<int> _files = new("--log-files") { Description = "The most log files kept per model and kind (predictions, feedback); the oldest is deleted first.", DefaultValueFactory = _ => Defaults.PredictionLog.MaxFiles, HelpName = "count" };
    private readonly Option<bool> _noLog = new("--no-log") { Description = "Keep no prediction log (feedback is still accepted for ids this server answered, but not written anywhere)." };
    private readonly Option<int> _maxRows = new("--max-rows") { Description = "The most rows one request may score; more are answered 413.", DefaultValueFactory = _ => Defaults.MaxRows, HelpName = "rows" };
    private readonly Option<double> _maxBodyMegabytes = new("--max-body-mb") { Description = "The largest request body accepted, in MiB; a larger one is answered 413.", DefaultValueFactory = _ => Defaults.MaxBodyBytes / (1024.0 * 1024.0), HelpName = "MiB" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _sample, _fileMegabytes, _files, _noLog, _maxRows, _maxBodyMegabytes })
            command.Options.Add(option);
    }

    /// <summary>The values the command line gave.</summary>
    public ServeLimits Read(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new ServeLimits(parsed.GetValue(_sample), parsed.GetValue(_fileMegabytes), parsed.GetValue(_files), parsed.GetValue(_noLog), parsed.GetValue(_maxRows), parsed.GetValue(_maxBodyMegabytes));
    }
}
