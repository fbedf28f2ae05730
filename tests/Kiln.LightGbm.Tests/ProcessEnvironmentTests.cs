using System.Runtime.InteropServices;
using Kiln.LightGbm.Native;

namespace Kiln.LightGbm.Tests;

public sealed partial class ProcessEnvironmentTests
{
    [Fact]
    public void LightGbmNative_FirstUse_SetsOmpWaitPolicyPassiveInNativeEnvironment()
    {
        LightGbmNative.Check(0, "a no-op check that runs the static constructor");

        // What libgomp sees: the C environment, not .NET's copy of it.
        Assert.Equal("passive", Marshal.PtrToStringUTF8(GetEnvironment("OMP_WAIT_POLICY")));
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvironment(string name);
}
