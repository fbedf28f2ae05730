namespace Kiln.TestKit;

/// <summary>Measures managed allocations of this thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="pass"/> three times per window, for up to three windows, and returns the fewest bytes this
    /// thread allocated in one window (0 as soon as a window allocates nothing).
    /// </summary>
    /// <remarks>
    /// Code that allocates on every call allocates in every window. The runtime may allocate once on the calling thread
    /// (while tiered compilation replaces a hot method, say), which shows in one window only; taking the least of three
    /// keeps such a one-off from failing a test that asks for no allocation per call.
    /// </remarks>
    public static long LeastOfWindows(Action pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var least = long.MaxValue;
        for (var window = 0; window < 3 && least > 0; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var repeat = 0; repeat < 3; repeat++)
                pass();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
