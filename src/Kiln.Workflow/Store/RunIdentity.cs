using System.Globalization;
using System.Security.Cryptography;
using Kiln.Core;

namespace Kiln.Workflow.Store;

/// <summary>Who a run is: its run id, its job name and when it started.</summary>
/// <param name="RunId">32 lowercase hexadecimal digits from the run's id source.</param>
/// <param name="JobName">The job name: the one kiln.yaml gives, or <c>&lt;name&gt;-YYYYMMDD-HHMMSS-&lt;first 4 digits of the run id&gt;</c>.</param>
/// <param name="StartedAt">When the run started (UTC), which also picks the output's day folder.</param>
public sealed record RunIdentity(string RunId, string JobName, DateTimeOffset StartedAt)
{
    /// <summary>How many characters of a model name a generated job name keeps, so that it stays within 64.</summary>
    public const int MaxModelPrefix = StoreNames.MaxLength - 21;

    /// <summary>Creates the identity of a run starting now.</summary>
    /// <param name="modelName">The model name (a valid store name).</param>
    /// <param name="jobName">The job name kiln.yaml gives, or <see langword="null"/> to generate one.</param>
    /// <param name="time">The clock.</param>
    /// <param name="ids">The source of the run id: seeded from <see cref="EntropySeed"/> in a real run, from a constant in tests.</param>
    /// <exception cref="ArgumentException">The model or job name is not a valid store name.</exception>
    public static RunIdentity Create(string modelName, string? jobName, TimeProvider time, KilnRandom ids)
    {
        StoreNames.Validate(modelName, "model name", nameof(modelName));
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(ids);
        if (jobName is not null)
            StoreNames.Validate(jobName, "job name", nameof(jobName));
        var startedAt = time.GetUtcNow().ToUniversalTime();
        var runId = string.Create(CultureInfo.InvariantCulture, $"{ids.NextUInt64():x16}{ids.NextUInt64():x16}");
        return new RunIdentity(runId, jobName ?? GenerateJobName(modelName, startedAt, runId), startedAt);
    }

    /// <summary>A job name <c>&lt;name&gt;-YYYYMMDD-HHMMSS-&lt;4 hex&gt;</c>: the model name (cut to 43 characters), the UTC start, and the run id's first 4 digits.</summary>
    /// <exception cref="ArgumentException">The model name is not valid, or the run id is shorter than 4 characters.</exception>
    public static string GenerateJobName(string modelName, DateTimeOffset startedAt, string runId)
    {
        StoreNames.Validate(modelName, "model name", nameof(modelName));
        ArgumentNullException.ThrowIfNull(runId);
        if (runId.Length < 4 || !runId[..4].All(char.IsAsciiHexDigit))
            throw new ArgumentException("A run id starts with at least 4 hexadecimal digits.", nameof(runId));
        var prefix = modelName.Length > MaxModelPrefix ? modelName[..MaxModelPrefix] : modelName;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{startedAt.UtcDateTime:yyyyMMdd}-{startedAt.UtcDateTime:HHmmss}-{runId[..4].ToLowerInvariant()}");
    }

    /// <summary>A seed from the operating system's random source, for run ids only: learners and splits use the kiln.yaml seed.</summary>
    public static ulong EntropySeed()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
