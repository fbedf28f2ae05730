using System.Runtime.InteropServices;
using Kiln.Core;

namespace Kiln.LightGbm.Native;

// The slice of LightGBM's C API (c_api.h, LightGBM 4.x) that training and prediction use. Every function returns 0 on
// success and -1 on failure, with the message in LGBM_GetLastError; callers go through Check.
//
// OpenMP reads OMP_WAIT_POLICY once, when libgomp initialises, which happens when lib_lightgbm is loaded. With the default
// (active) policy idle worker threads spin, which on a busy 2-core machine made LightGBM 20–50x slower. The static
// constructor runs before the first call into this class, and so before the library loads, and sets the variable in the
// process environment with libc's setenv (Environment.SetEnvironmentVariable only changes .NET's own copy on Unix).
internal static partial class LightGbmNative
{
    public const int DataTypeFloat32 = 0;

    public const int DataTypeFloat64 = 1;

    public const int PredictNormal = 0;

    private const string Library = "lib_lightgbm";

    static LightGbmNative()
    {
        if (!OperatingSystem.IsWindows() && SetEnvironment("OMP_WAIT_POLICY", "passive", overwrite: 1) != 0)
            throw new KilnException("Could not set OMP_WAIT_POLICY=passive for LightGBM (setenv failed); set it in the environment before starting Kiln.");
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport(Library, EntryPoint = "LGBM_GetLastError")]
    private static partial IntPtr GetLastError();

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int DatasetCreateFromMat(double* data, int dataType, int rowCount, int columnCount, int isRowMajor, string parameters, IntPtr reference, out DatasetHandle dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetSetField", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int DatasetSetField(DatasetHandle dataset, string fieldName, float* data, int count, int dataType);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetFree")]
    public static partial int DatasetFree(IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCreate", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterCreate(DatasetHandle training, string parameters, out BoosterHandle booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterAddValidData")]
    public static partial int BoosterAddValidData(BoosterHandle booster, DatasetHandle validation);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    public static partial int BoosterUpdateOneIter(BoosterHandle booster, out int isFinished);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetEvalCounts")]
    public static partial int BoosterGetEvalCounts(BoosterHandle booster, out int count);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetEval")]
    public static unsafe partial int BoosterGetEval(BoosterHandle booster, int dataIndex, out int count, double* results);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumClasses")]
    public static partial int BoosterGetNumClasses(BoosterHandle booster, out int classCount);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumFeature")]
    public static partial int BoosterGetNumFeature(BoosterHandle booster, out int featureCount);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMat", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int BoosterPredictForMat(BoosterHandle booster, double* data, int dataType, int rowCount, int columnCount, int isRowMajor, int predictType, int startIteration, int iterationCount, string parameters, out long resultLength, double* results);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMatSingleRowFastInit", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterPredictForMatSingleRowFastInit(BoosterHandle booster, int predictType, int startIteration, int iterationCount, int dataType, int columnCount, string parameters, out FastConfigHandle fastConfig);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMatSingleRowFast")]
    public static unsafe partial int BoosterPredictForMatSingleRowFast(FastConfigHandle fastConfig, double* row, out long resultLength, double* results);

    [LibraryImport(Library, EntryPoint = "LGBM_FastConfigFree")]
    public static partial int FastConfigFree(IntPtr fastConfig);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterSaveModelToString")]
    public static unsafe partial int BoosterSaveModelToString(BoosterHandle booster, int startIteration, int iterationCount, int featureImportanceType, long bufferLength, out long textLength, byte* text);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterLoadModelFromString", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterLoadModelFromString(string modelText, out int iterationCount, out BoosterHandle booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFree")]
    public static partial int BoosterFree(IntPtr booster);

    // Turns a failed call into a KilnException that carries LightGBM's own message and what Kiln was doing.
    public static void Check(int result, string operation)
    {
        if (result == 0)
            return;
        var message = Marshal.PtrToStringUTF8(GetLastError());
        throw new KilnException($"LightGBM failed while {operation}: {(string.IsNullOrWhiteSpace(message) ? "no message" : message)}");
    }
}
