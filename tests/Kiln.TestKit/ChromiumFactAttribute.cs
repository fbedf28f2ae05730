using Xunit;

namespace Kiln.TestKit;

/// <summary>
/// A test that needs Chromium: skipped with a reason when Chromium is not installed, unless CI is "true" — there the
/// test runs and fails with a message that says to install it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is missing outside CI.</summary>
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null && !Chromium.IsContinuousIntegration)
            Skip = "Chromium is not installed (apt-get install -y chromium); the render test is skipped here and required when CI=true.";
    }
}
