using Microsoft.Win32.SafeHandles;

namespace Kiln.LightGbm.Native;

// Owns one LightGBM FastConfig handle and frees it exactly once, on Dispose or, as a last resort, on finalization.
internal sealed class FastConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FastConfigHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmNative.FastConfigFree(handle) == 0;
}
