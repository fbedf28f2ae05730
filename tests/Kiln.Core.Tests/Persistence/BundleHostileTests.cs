using System.IO.Compression;
using System.Text;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Persistence;

// Every way a bundle can be broken or hostile must end in a BundleFormatException that names the file and the problem:
// never another exception type, never a crash, never an allocation sized by a claim.
public sealed class BundleHostileTests
{
    private const long OneGigabyte = 1_000_000_000;
    private const long MemoryBound = 64L << 20;

    public BundleHostileTests() => TestModels.EnsureRegistered();

    private static byte[] Classifier => SampleBundles.Bytes(SampleBundles.Classifier());

    private static BundleEditor Edit() => BundleEditor.Read(Classifier);

    private static void AssertFails(byte[] bytes, string expected, BundleLimits? limits = null)
    {
        var exception = SampleBundles.LoadFails(bytes, limits);
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"Expected '{expected}' in: {exception.Message}");
        Assert.StartsWith($"Cannot load model bundle '{SampleBundles.SourceName}': ", exception.Message, StringComparison.Ordinal);
        Assert.Equal(SampleBundles.SourceName, exception.File);
    }

    private static void AssertFailsWithinMemory(byte[] bytes, string expected, BundleLimits? limits = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Record.Exception(() => SampleBundles.Load(bytes, limits));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var failure = Assert.IsType<BundleFormatException>(exception);
        Assert.True(failure.Message.Contains(expected, StringComparison.Ordinal), $"Expected '{expected}' in: {failure.Message}");
        Assert.True(allocated < MemoryBound, $"Loading allocated {allocated} bytes.");
    }

    [Fact]
    public void Load_EmptyFile_ThrowsNamingFileAndEmptiness()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kiln-empty-{Guid.NewGuid():N}.kiln");
        File.WriteAllBytes(path, []);
        try
        {
            var exception = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

            Assert.Contains(path, exception.Message, StringComparison.Ordinal);
            Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
            Assert.Equal(path, exception.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_TextFile_ThrowsNotAZip() =>
        AssertFails(Encoding.UTF8.GetBytes("format_version,kind\n1,dummy_classifier\n"), "not a zip archive");

    [Fact]
    public void Load_TruncatedAtEveryOffset_ThrowsBundleFormatException()
    {
        var bytes = Classifier;

        for (var length = 0; length < bytes.Length; length++)
        {
            var exception = Record.Exception(() => SampleBundles.Load(bytes[..length]));

            Assert.True(exception is BundleFormatException, $"Truncated to {length} of {bytes.Length} bytes: {exception?.GetType().Name ?? "loaded"}: {exception?.Message}");
        }
    }

    [Fact]
    public void Load_ByteFlippedAtEveryOffset_ThrowsOrLoadsTheSameModel()
    {
        var bytes = Classifier;
        var rows = Datasets.Blobs(rows: 50, seed: 4).Features;
        var expected = SampleBundles.Classifier().PredictProbabilities(rows);
        var detected = 0;

        for (var offset = 0; offset < bytes.Length; offset++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[offset] ^= 0x5A;
            LoadedBundle loaded;
            try
            {
                loaded = SampleBundles.Load(flipped);
            }
            catch (BundleFormatException)
            {
                detected++;
                continue;
            }
            // Bytes no check covers (zip timestamps, "version made by", attributes) may change; the model may not.
            Bits.Equal(expected, ((IClassifierModel)loaded.Model).PredictProbabilities(rows), $"flip at offset {offset}");
        }

        Assert.True(detected > bytes.Length / 2, $"Only {detected} of {bytes.Length} flips were detected.");
    }

    [Fact]
    public void Load_ByteFlippedInStoredEntry_ThrowsShaMismatch()
    {
        var editor = Edit();
        var priors = editor.Bytes("model/priors.f64");
        var bytes = editor.ToBytes(CompressionLevel.NoCompression);
        var offset = bytes.AsSpan().IndexOf(priors);
        bytes[offset + 3] ^= 0x01;

        AssertFails(bytes, "entry 'model/priors.f64' does not match its SHA-256");
    }

    [Fact]
    public void Load_ZipBombEntry_RefusedByCompressionRatioWithoutInflating()
    {
        var editor = Edit().SetZeros("model/priors.f64", OneGigabyte);
        editor.Listing("model/priors.f64")["length"] = OneGigabyte;

        AssertFailsWithinMemory(editor.ToBytes(), "looks like a zip bomb");
    }

    [Fact]
    public void Load_ZipBombWithLyingSizes_StopsAtRecordedLength()
    {
        var editor = Edit().SetZeros("model/priors.f64", OneGigabyte);
        var bytes = ZipPatch.SetUncompressedSize(editor.ToBytes(), "model/priors.f64", 24);

        AssertFailsWithinMemory(bytes, "'model/priors.f64'");
    }

    [Fact]
    public void Load_ManifestBomb_RefusedBeforeReading() =>
        AssertFailsWithinMemory(Edit().ToBytes(manifestZeros: OneGigabyte), "manifest.json claims 1000000000 bytes, above the limit");

    [Fact]
    public void Load_ManifestBombWithLyingSize_StopsAtClaimedLength()
    {
        var bytes = ZipPatch.SetUncompressedSize(Edit().ToBytes(manifestZeros: OneGigabyte), "manifest.json", 1000);

        AssertFailsWithinMemory(bytes, "manifest.json is not valid JSON");
    }

    [Fact]
    public void Load_ManifestClaimsHugeArray_RefusedWithoutAllocating()
    {
        var editor = Edit();
        editor.Listing("model/priors.f64")["length"] = 1L << 34;

        AssertFailsWithinMemory(editor.ToBytes(), "is recorded as 17179869184 bytes");
    }

    [Fact]
    public void Load_ZipAndManifestClaimHugeArray_RefusedByCompressionRatio()
    {
        var editor = Edit();
        const uint Claimed = 2_000_000_000;
        editor.Listing("model/priors.f64")["length"] = Claimed;
        var bytes = ZipPatch.SetUncompressedSize(editor.ToBytes(), "model/priors.f64", Claimed);
        var limits = new BundleLimits { MaxEntryBytes = Array.MaxLength, MaxTotalBytes = long.MaxValue };

        AssertFailsWithinMemory(bytes, "looks like a zip bomb", limits);
    }

    [Fact]
    public void Load_ClaimsPassingEveryLimit_AllocateOnlyWhatIsRead()
    {
        // With the ratio check switched off, an 8 MiB claim (zip header and manifest agreeing) for a few real bytes must
        // not allocate 8 MiB: the buffer grows with the bytes actually decompressed.
        var editor = Edit();
        var actual = editor.Bytes("model/classes.json").Length;
        const uint Claimed = 8 << 20;
        editor.Listing("model/classes.json")["length"] = Claimed;
        var bytes = ZipPatch.SetUncompressedSize(editor.ToBytes(), "model/classes.json", Claimed);
        var limits = new BundleLimits { MaxCompressionRatio = double.MaxValue };
        _ = Record.Exception(() => SampleBundles.Load(bytes, limits));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<BundleFormatException>(() => SampleBundles.Load(bytes, limits));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains($"entry 'model/classes.json' ends after {actual} bytes but is recorded as 8388608 bytes", exception.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2L << 20, $"Loading allocated {allocated} bytes.");
    }

    [Fact]
    public void Load_ManifestLengthDisagreesWithZipHeader_Throws()
    {
        var editor = Edit();
        editor.Listing("model/priors.f64")["length"] = 16;

        AssertFails(editor.ToBytes(), "entry 'model/priors.f64' is 24 bytes by its zip header but 16 bytes by manifest.json");
    }

    [Theory]
    [InlineData("../evil.json", "climbs out of the bundle with '..'")]
    [InlineData("model/../../evil.json", "climbs out of the bundle with '..'")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("model\\evil.json", "contains a backslash")]
    [InlineData("model/evil\0.json", "contains a NUL character")]
    [InlineData("model//evil.json", "empty or '.' path segment")]
    [InlineData("model/./evil.json", "empty or '.' path segment")]
    [InlineData("model/", "empty or '.' path segment")]
    [InlineData("C:/evil.json", "contains ':'")]
    [InlineData("model/évil.json", "contains the character U+00E9")]
    public void Load_HostileEntryName_ThrowsNamingTheProblem(string name, string expected) =>
        AssertFails(Edit().Add(name, [1, 2, 3]).ToBytes(), expected);

    [Fact]
    public void Load_DuplicateEntryName_Throws() =>
        AssertFails(Edit().Add("model/options.json", Encoding.UTF8.GetBytes("{}")).ToBytes(), "entry 'model/options.json' appears twice");

    [Fact]
    public void Load_DeeplyNestedManifest_ThrowsOnDepth()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var manifest = Encoding.UTF8.GetBytes($"{{\"format_version\": 1, \"padding\": {deep}}}");

        AssertFailsWithinMemory(Edit().ToBytes(manifestBytes: manifest), "depth");
    }

    [Fact]
    public void Load_DeeplyNestedEntry_ThrowsOnDepthNamingEntry()
    {
        var deep = "{\"strategy\": " + new string('[', 10_000) + new string(']', 10_000) + "}";

        AssertFails(Edit().Replace("model/options.json", deep).ToBytes(), "entry 'model/options.json' is not the JSON");
    }

    [Fact]
    public void Load_UnknownKind_ThrowsListingKnownKinds()
    {
        var editor = Edit();
        editor.Manifest["kind"] = "gradient_boosted_unicorn";
        editor.Manifest["parts"]![0]!["kind"] = "gradient_boosted_unicorn";

        AssertFails(editor.ToBytes(), "model kind 'gradient_boosted_unicorn' is not one this Kiln knows (known: ");
    }

    [Fact]
    public void Load_ManifestMissing_Throws() =>
        AssertFails(Edit().ToBytes(includeManifest: false), "it has no manifest.json");

    [Theory]
    [InlineData("2", "made by a newer Kiln (Kiln ")]
    [InlineData("0", "valid versions are 1 to 1")]
    [InlineData("1.5", "expected a whole number")]
    [InlineData("\"1\"", "expected a whole number")]
    [InlineData(null, "has no format_version")]
    public void Load_BadFormatVersion_ThrowsSayingWhy(string? version, string expected)
    {
        var editor = Edit();
        editor.Manifest.Remove("format_version");
        if (version is not null)
            editor.Manifest["format_version"] = System.Text.Json.Nodes.JsonNode.Parse(version);

        AssertFails(editor.ToBytes(), expected);
    }

    [Fact]
    public void Load_NewerFormatWithUnknownFields_StillSaysNewerKiln()
    {
        var manifest = Encoding.UTF8.GetBytes("{\"format_version\": 9, \"kiln_version\": \"3.0.0\", \"shards\": [{\"x\": 1}]}");

        AssertFails(Edit().ToBytes(manifestBytes: manifest), "made by a newer Kiln (Kiln 3.0.0): bundle format 9");
    }

    [Fact]
    public void Load_ManifestNotJson_Throws() =>
        AssertFails(Edit().ToBytes(manifestBytes: Encoding.UTF8.GetBytes("{\"format_version\": 1,")), "manifest.json is not valid JSON");

    [Fact]
    public void Load_ManifestMissingField_Throws()
    {
        var editor = Edit();
        editor.Manifest.Remove("entries");

        AssertFails(editor.ToBytes(), "manifest.json does not have the fields of a bundle manifest");
    }

    [Fact]
    public void Load_ListedEntryMissingFromZip_Throws() =>
        AssertFails(Edit().RemoveEntry("model/priors.f64").ToBytes(), "entry 'model/priors.f64' is listed in manifest.json but missing from the zip");

    [Fact]
    public void Load_UnlistedEntry_Throws() =>
        AssertFails(Edit().Add("model/extra.json", Encoding.UTF8.GetBytes("{}")).ToBytes(), "entry 'model/extra.json' is not listed in manifest.json");

    [Fact]
    public void Load_EntryTheModelNeedsIsAbsent_ThrowsNamingIt() =>
        AssertFails(Edit().RemoveEntry("model/priors.f64").RemoveListing("model/priors.f64").ToBytes(), "it has no entry 'model/priors.f64' (an array of float64), which the 'dummy_classifier' model needs");

    [Fact]
    public void Load_ArrayOfWrongLength_ThrowsWithBothLengths() =>
        AssertFails(Edit().ReplaceDoubles("model/priors.f64", 0.5, 0.5).ToBytes(), "holds 2 values; the 'dummy_classifier' model expects 3");

    [Fact]
    public void Load_ArrayNotWholeValues_Throws() =>
        AssertFails(Edit().Replace("model/priors.f64", new byte[23]).ToBytes(), "not a whole number of 8-byte values");

    [Fact]
    public void Load_NaNWhereNotAllowed_ThrowsNamingEntry()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(SampleBundles.Regressor())).ReplaceDoubles("model/value.f64", double.NaN);

        AssertFails(editor.ToBytes(), "entry 'value' holds NaN at position 0, where only finite numbers are allowed");
    }

    [Fact]
    public void Load_PriorsNotSummingToOne_Throws() =>
        AssertFails(Edit().ReplaceDoubles("model/priors.f64", 0.5, 0.2, 0.2).ToBytes(), "the class priors sum to 0.899");

    [Fact]
    public void Load_ClassesOutOfOrder_Throws() =>
        AssertFails(Edit().Replace("model/classes.json", "[\"class_2\", \"class_1\", \"class_0\"]").ToBytes(), "not distinct and in Kiln's class order");

    [Fact]
    public void Load_EntryChangedButNotItsHash_ThrowsShaMismatch()
    {
        var editor = Edit();
        var options = editor.Text("model/options.json");
        var changed = options.Replace("\"seed\": 7", "\"seed\": 8", StringComparison.Ordinal);
        Assert.NotEqual(options, changed);

        AssertFails(editor.SetRaw("model/options.json", Encoding.UTF8.GetBytes(changed)).ToBytes(), "entry 'model/options.json' does not match its SHA-256");
    }

    [Fact]
    public void Load_UnknownStrategy_ThrowsWithTheLoadersReason()
    {
        var editor = Edit();
        var options = editor.Text("model/options.json").Replace("\"stratified\"", "\"psychic\"", StringComparison.Ordinal);

        AssertFails(editor.Replace("model/options.json", options).ToBytes(), "holds values its loader refuses: Strategy 'psychic' is not one of");
    }

    [Fact]
    public void Load_OptionsMissingField_Throws() =>
        AssertFails(Edit().Replace("model/options.json", "{\"strategy\": \"prior\", \"seed\": 7}").ToBytes(), "entry 'model/options.json' is not the JSON the 'dummy_classifier' model expects");

    [Fact]
    public void Load_ManifestOutputDisagreesWithModel_Throws()
    {
        var editor = Edit();
        editor.Manifest["output"]!["classes"]![0] = "class_9";

        AssertFails(editor.ToBytes(), "differs from the manifest's output description");
    }

    [Fact]
    public void Load_ManifestInputsDisagreeWithModel_Throws()
    {
        var editor = Edit();
        editor.Manifest["inputs"]![0]!["name"] = "renamed";

        AssertFails(editor.ToBytes(), "the model's input columns (x0: Numeric, x1: Numeric) differ from the manifest's input signature (renamed: Numeric, x1: Numeric)");
    }

    [Fact]
    public void Load_LoaderThrowsArgumentException_BecomesBundleFormatException() =>
        AssertFails(SampleBundles.Bytes(new RefusedTestModel()), "model part 'model' (test_refusing) holds values its loader refuses: the loader refuses everything.");

    [Fact]
    public void Load_NestedPartMissing_ThrowsNamingIt()
    {
        var parts = new PartsTestModel([], [], string.Empty, Kiln.Core.Data.Schema.Empty, [SampleBundles.Regressor()]);
        var editor = BundleEditor.Read(SampleBundles.Bytes(parts));
        ((System.Text.Json.Nodes.JsonArray)editor.Manifest["parts"]!).RemoveAt(1);

        AssertFails(editor.ToBytes(), "is in 'model/child_0', which is not a listed part");
    }

    [Fact]
    public void Load_MoreEntriesThanAllowed_Throws() =>
        AssertFails(Classifier, "it holds 5 entries; at most 3 are allowed", new BundleLimits { MaxEntryCount = 3 });

    [Fact]
    public void Load_FileOverSizeLimit_Throws() =>
        AssertFails(Classifier, "above the limit of 100 bytes (BundleLimits.MaxFileBytes)", new BundleLimits { MaxFileBytes = 100 });

    [Fact]
    public void Load_EntryOverSizeLimit_Throws() =>
        AssertFails(Classifier, "may hold 0 to 16 bytes (BundleLimits.MaxEntryBytes / MaxJsonBytes)", new BundleLimits { MaxEntryBytes = 16 });

    [Fact]
    public void Load_EntriesOverTotalLimit_Throws() =>
        AssertFails(Classifier, "add up to more than 100 bytes uncompressed", new BundleLimits { MaxTotalBytes = 100 });
}
