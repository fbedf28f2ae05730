using System.Globalization;
using Kiln.Core;
using Kiln.Serving;

namespace Kiln.Cli.Commands;

/// <summary>The prediction-log and limit flags of one <c>kiln serve</c>, as typed.</summary>
internal sealed record ServeLimits(double LogSample, double LogFileMegabytes, int LogFiles, bool NoLog, int MaxRows, double MaxBodyMegabytes)
{
    private const double Mebibyte = 1024.0 * 1024.0;

    /// <summary>The defaults, as <c>kiln serve</c> without these flags.</summary>
    public static ServeLimits Default { get; } = FromOptions(new ServingOptions());

    /// <summary>The serving options these flags ask for, logging to <paramref name="storeRoot"/> unless <c>--no-log</c>.</summary>
    /// <exception cref="KilnException">A value is out of its range; the message names the flag and the value.</exception>
    public ServingOptions Options(bool requireAuth, string storeRoot)
    {
        if (!(LogSample is >= 0 and <= 1))
            throw Invalid("--log-sample", LogSample, "a share of rows from 0 (none) to 1 (every row), e.g. 0.1");
        if (!(LogFileMegabytes is >= 0.001 and <= 1_048_576))
            throw Invalid("--log-file-mb", LogFileMegabytes, "a size in MiB from 0.001 to 1048576, e.g. 64");
        if (LogFiles < 1)
            throw Invalid("--log-files", LogFiles, "a count of files from 1, e.g. 10");
        if (MaxRows < 1)
            throw Invalid("--max-rows", MaxRows, "a count of rows from 1, e.g. 10000");
        if (!(MaxBodyMegabytes is >= 0.001 and <= 1024))
            throw Invalid("--max-body-mb", MaxBodyMegabytes, "a size in MiB from 0.001 to 1024, e.g. 8");
        var defaults = new ServingOptions();
        return defaults with
        {
            RequireAuth = requireAuth,
            StoreRoot = NoLog ? null : storeRoot,
            MaxRows = MaxRows,
            MaxBodyBytes = (long)Math.Round(MaxBodyMegabytes * Mebibyte),
            PredictionLog = defaults.PredictionLog with
            {
                SamplingRate = LogSample,
                MaxFileBytes = (long)Math.Round(LogFileMegabytes * Mebibyte),
                MaxFiles = LogFiles,
            },
        };
    }

    /// <summary>How the log is set up, for the start-up line: where, what share, how much is kept.</summary>
    public string Describe(string storeRoot) => NoLog
        ? "no prediction log (--no-log)"
        : string.Create(CultureInfo.InvariantCulture, $"prediction log in {Path.Combine(storeRoot, "serving", "predictions")} ({(LogSample == 1 ? "every row" : $"{LogSample:0.####} of rows")}; {LogFiles} files of {LogFileMegabytes:0.###} MiB kept per model)");

    private static ServeLimits FromOptions(ServingOptions options) => new(
        options.PredictionLog.SamplingRate, options.PredictionLog.MaxFileBytes / Mebibyte, options.PredictionLog.MaxFiles, NoLog: false,
        options.MaxRows, options.MaxBodyBytes / Mebibyte);

    private static KilnException Invalid(string flag, double value, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{flag} {value} is out of range; give {expected}."));
}
