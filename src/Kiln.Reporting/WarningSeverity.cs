namespace Kiln.Reporting;

/// <summary>How much a report warning matters.</summary>
public enum WarningSeverity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,

    /// <summary>May make the results less trustworthy; worth checking.</summary>
    Warning,

    /// <summary>Makes the results untrustworthy until fixed, such as a feature that leaks the target.</summary>
    Critical,
}
