using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Tests.Persistence;

// Model kinds that exist only in the tests, registered once per process like a plugin assembly would register its own.
internal static class TestModels
{
    public const string PartsKind = "test_parts";
    public const string FailingKind = "test_failing";
    public const string RefusingKind = "test_refusing";

    private static readonly Lazy<bool> Registration = new(() =>
    {
        ModelKinds.Register(PartsKind, PartsTestModel.Load);
        ModelKinds.Register(FailingKind, reader => throw reader.Invalid("this kind is never loaded"));
        ModelKinds.Register(RefusingKind, _ => throw new ArgumentException("the loader refuses everything."));
        return true;
    });

    public static void EnsureRegistered() => _ = Registration.Value;
}

// Holds one entry of every format and any number of nested models.
internal sealed class PartsTestModel(double[] doubles, int[] integers, string text, Schema inputs, IReadOnlyList<IModel> children) : IModel
{
    public double[] Doubles => doubles;

    public int[] Integers => integers;

    public string Text => text;

    public IReadOnlyList<IModel> Children => children;

    public Schema InputSchema => inputs;

    public string Kind => TestModels.PartsKind;

    public void Save(BundleWriter writer)
    {
        writer.WriteDoubles("doubles", doubles);
        writer.WriteInt32s("integers", integers);
        writer.WriteText("text", text);
        writer.WriteSchema("inputs", inputs);
        writer.WriteJson("child_count", children.Count);
        for (var i = 0; i < children.Count; i++)
            writer.WriteModel($"child_{i}", children[i]);
    }

    public static PartsTestModel Load(BundleReader reader)
    {
        var count = reader.ReadJson<int>("child_count");
        var children = Enumerable.Range(0, count).Select(i => reader.ReadModel<IModel>($"child_{i}")).ToList();
        return new PartsTestModel(reader.ReadDoubles("doubles"), reader.ReadInt32s("integers"), reader.ReadText("text"), reader.ReadSchema("inputs"), children);
    }
}

// A model whose Save fails half-way, to show that a failed save leaves the old file alone.
internal sealed class FailingTestModel : IModel
{
    public Schema InputSchema { get; } = new([new ColumnInfo("x", ColumnKind.Numeric)]);

    public string Kind => TestModels.FailingKind;

    public void Save(BundleWriter writer)
    {
        writer.WriteDoubles("half", [1.0, 2.0]);
        throw new InvalidOperationException("Simulated failure half-way through saving.");
    }
}

// A model whose loader throws an ordinary exception, to show that loaders' refusals become BundleFormatException.
internal sealed class RefusedTestModel : IModel
{
    public Schema InputSchema { get; } = new([new ColumnInfo("x", ColumnKind.Numeric)]);

    public string Kind => TestModels.RefusingKind;

    public void Save(BundleWriter writer) => writer.WriteJson("nothing", 0);
}
