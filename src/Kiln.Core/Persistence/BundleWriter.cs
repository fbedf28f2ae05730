using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>Writes one model part's named entries into a <c>.kiln</c> bundle; <see cref="ModelBundle.Save"/> hands one to <see cref="IModel.Save"/>.</summary>
/// <remarks>Entry names are relative to the part: a part may hold nested parts (a pipeline's steps) through <see cref="WriteModel"/>.</remarks>
public sealed class BundleWriter
{
    /// <summary>Writes <paramref name="value"/> as a JSON entry.</summary>
    public void WriteJson<T>(string name, T value) => throw new NotImplementedException();

    /// <summary>Writes an array of doubles as a little-endian binary entry.</summary>
    public void WriteDoubles(string name, ReadOnlySpan<double> values) => throw new NotImplementedException();

    /// <summary>Writes an array of 32-bit integers as a little-endian binary entry.</summary>
    public void WriteInt32s(string name, ReadOnlySpan<int> values) => throw new NotImplementedException();

    /// <summary>Writes UTF-8 text (LightGBM's model text, for one).</summary>
    public void WriteText(string name, string text) => throw new NotImplementedException();

    /// <summary>Writes a nested model as a part of its own, with its kind recorded.</summary>
    public void WriteModel(string name, IModel model) => throw new NotImplementedException();
}
