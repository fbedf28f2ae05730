using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>Reads one model part's named entries from a <c>.kiln</c> bundle, with every length checked against limits.</summary>
public sealed class BundleReader
{
    /// <summary>Reads a JSON entry.</summary>
    public T ReadJson<T>(string name) => throw new NotImplementedException();

    /// <summary>Reads an array of doubles; <paramref name="expectedLength"/>, when given, must match.</summary>
    public double[] ReadDoubles(string name, int? expectedLength = null) => throw new NotImplementedException();

    /// <summary>Reads an array of 32-bit integers; <paramref name="expectedLength"/>, when given, must match.</summary>
    public int[] ReadInt32s(string name, int? expectedLength = null) => throw new NotImplementedException();

    /// <summary>Reads UTF-8 text.</summary>
    public string ReadText(string name) => throw new NotImplementedException();

    /// <summary>Reads a nested model written with <see cref="BundleWriter.WriteModel"/>, through the table of known kinds.</summary>
    public T ReadModel<T>(string name) where T : IModel => throw new NotImplementedException();
}
