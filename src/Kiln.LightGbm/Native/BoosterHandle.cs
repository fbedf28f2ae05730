using Microsoft.Win32.SafeHandles;

namespace Kiln.LightGbm.Native;

// Owns one LightGBM Booster handle and frees it exactly once, on Dispose or, as a last resort, on finalization.
internal sealed class BoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BoosterHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmNative.BoosterFree(handle) == 0;
}
