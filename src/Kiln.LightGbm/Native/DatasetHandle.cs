using Microsoft.Win32.SafeHandles;

namespace Kiln.LightGbm.Native;

// Owns one LightGBM Dataset handle and frees it exactly once, on Dispose or, as a last resort, on finalization.
internal sealed class DatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DatasetHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmNative.DatasetFree(handle) == 0;
}
