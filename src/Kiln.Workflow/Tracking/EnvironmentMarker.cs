using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tracking;

/// <summary>The file in a store root that says which environment the store belongs to, so develop and production never share one.</summary>
/// <remarks>
/// The first run in a store writes <c>&lt;store&gt;/environment.txt</c> (<c>develop</c> or <c>production</c>); every later run
/// and every <c>kiln runs</c> command checks it. The file is written under a temporary name and moved into place without
/// overwriting, so two first runs racing agree on one value and a reader never sees a half-written marker.
/// </remarks>
public static class EnvironmentMarker
{
    /// <summary>The marker's file name in the store root.</summary>
    public const string FileName = "environment.txt";

    /// <summary>Records that the store belongs to <paramref name="environment"/>, or checks that it does.</summary>
    /// <exception cref="KilnException">The store belongs to the other environment.</exception>
    public static void Claim(string storeRoot, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(storeRoot);
        var path = Path.Combine(storeRoot, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(storeRoot);
            // Written whole under a temporary name, then moved into place without overwriting: a concurrent reader sees
            // no marker or a complete one, never an empty file, and of two first runs racing the first move wins.
            var temporary = Path.Combine(storeRoot, $".{FileName}.{Environment.ProcessId}.{Path.GetRandomFileName()}");
            File.WriteAllText(temporary, KilnSettingsReader.NameOf(environment) + "\n");
            try
            {
                File.Move(temporary, path, overwrite: false);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another run claimed the store at the same moment: check its claim below.
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        Check(storeRoot, environment);
    }

    /// <summary>Checks that the store, when it has a marker, belongs to <paramref name="environment"/>.</summary>
    /// <exception cref="KilnException">The store belongs to the other environment, or its marker is not readable.</exception>
    public static void Check(string storeRoot, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(storeRoot);
        var path = Path.Combine(storeRoot, FileName);
        if (!File.Exists(path))
            return;
        var text = File.ReadAllText(path).Trim();
        var recorded = TrackingSettings.ParseEnvironment(text, path);
        if (recorded != environment)
        {
            throw new KilnException(
                $"The store {storeRoot} belongs to the {KilnSettingsReader.NameOf(recorded)} environment ({path}), not to {KilnSettingsReader.NameOf(environment)}; " +
                $"develop and production never share a store. Use --env {KilnSettingsReader.NameOf(recorded)} with this store, or give {KilnSettingsReader.NameOf(environment)} its own (--store, KILN_HOME or kiln.config.yaml).");
        }
    }
}
