using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Preparation;
using Kiln.Serving.Routing;

namespace Kiln.Serving;

/// <summary>One loaded model version behind the server: its registry name and version, the references it was asked for by, its role, and the fitted pipeline.</summary>
/// <remarks>
/// A server that follows aliases swaps the model a reference serves while requests run. Each request holds a lease on the
/// model it started with (<see cref="TryAcquire"/> / <see cref="Release"/>); a model swapped out is retired, and its
/// native resources (a LightGBM booster) are released when the last lease ends, never under a running request.
/// </remarks>
public sealed class ServedModel
{
    private const int RetiredBit = 1;
    private const int OneLease = 2;

    // Leases times two, plus RetiredBit once no slot serves the model; exactly RetiredBit means released for good.
    private int _state;
    private int _released;
    private IReadOnlyList<string> _references;

    /// <summary>Wraps a loaded pipeline as a champion.</summary>
    /// <param name="name">The registered model's name (what clients address it by).</param>
    /// <param name="version">The registered version number.</param>
    /// <param name="references">The references it was resolved from, such as <c>penguins@champion</c>.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <exception cref="ArgumentException">The name is empty or the version is not positive.</exception>
    public ServedModel(string name, int version, IReadOnlyList<string> references, PipelineModel model)
        : this(name, version, references, model, ServingRole.Champion)
    {
    }

    /// <summary>Wraps a loaded pipeline in the role <paramref name="role"/>.</summary>
    /// <param name="name">The registered model's name (what clients address it by).</param>
    /// <param name="version">The registered version number.</param>
    /// <param name="references">The references it was resolved from, such as <c>penguins@champion</c>.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="role">Whether it answers (champion, canary) or only scores for the log (shadow).</param>
    /// <exception cref="ArgumentException">The name is empty or the version is not positive.</exception>
    public ServedModel(string name, int version, IReadOnlyList<string> references, PipelineModel model, ServingRole role)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(model);
        Name = name;
        Version = version;
        VersionText = version.ToString(CultureInfo.InvariantCulture);
        _references = references;
        Model = model;
        Role = role;
    }

    /// <summary>The registered model's name.</summary>
    public string Name { get; }

    /// <summary>The registered version number.</summary>
    public int Version { get; }

    /// <summary>The version number as text, made once (answers name it in a header).</summary>
    internal string VersionText { get; }

    /// <summary>The references that serve this version now (<c>NAME</c>, <c>NAME@ALIAS</c>, <c>NAME/N</c>).</summary>
    public IReadOnlyList<string> References => Volatile.Read(ref _references);

    /// <summary>Whether it answers requests (champion, canary) or only scores them for the log (shadow).</summary>
    public ServingRole Role { get; }

    /// <summary>The fitted pipeline that scores raw rows.</summary>
    public PipelineModel Model { get; }

    /// <summary>The raw input columns, with their kinds, that a request supplies.</summary>
    public Schema Inputs => Model.InputSchema;

    /// <summary>The class labels of a classifier, or <see langword="null"/> for a regressor.</summary>
    public IReadOnlyList<string>? Classes => Model.Classes;

    /// <summary>Whether the model was swapped out and its last request finished, so its native resources are released.</summary>
    public bool IsReleased => Volatile.Read(ref _released) == 1;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}/{Version}";

    internal void SetReferences(IReadOnlyList<string> references) => Volatile.Write(ref _references, references);

    /// <summary>Takes a lease for one request; false when the model was retired and released (read the slot again).</summary>
    internal bool TryAcquire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == RetiredBit)
                return false;
            if (Interlocked.CompareExchange(ref _state, state + OneLease, state) == state)
                return true;
        }
    }

    /// <summary>Ends a lease; the last one of a retired model releases it.</summary>
    internal void Release()
    {
        if (Interlocked.Add(ref _state, -OneLease) == RetiredBit)
            ReleaseResources();
    }

    /// <summary>Marks the model as served by no slot any more; released now when no request holds it, else by the last lease.</summary>
    internal void Retire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if ((state & RetiredBit) != 0)
                return;
            if (Interlocked.CompareExchange(ref _state, state | RetiredBit, state) == state)
            {
                if ((state | RetiredBit) == RetiredBit)
                    ReleaseResources();
                return;
            }
        }
    }

    private void ReleaseResources()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
            return;
        (Model.Predictor as IDisposable)?.Dispose();
        (Model.Preparation as IDisposable)?.Dispose();
    }
}
