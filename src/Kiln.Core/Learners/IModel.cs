using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners;

/// <summary>A fitted, immutable, thread-safe model: the only place learned state lives.</summary>
public interface IModel
{
    /// <summary>The columns the model takes, in the order single-row input must follow.</summary>
    Schema InputSchema { get; }

    /// <summary>The model's kind in the bundle's fixed table of known kinds (<see cref="ModelKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Writes the learned state into a bundle; <see cref="ModelKinds"/> reads it back.</summary>
    void Save(BundleWriter writer);
}
