using System.Text;

namespace Kiln.Core.Learners;

/// <summary>One hyperparameter value as kiln.yaml (or another text source) gives it: a scalar's text, null, or a list of those.</summary>
/// <remarks>
/// Values stay text until <see cref="Hyperparameters.Bind{TOptions}"/> converts them to the declared property types, so a
/// string hyperparameter receives exactly what was written (<c>1.0</c> stays <c>"1.0"</c>). Equality is structural.
/// </remarks>
public sealed class HyperparameterValue : IEquatable<HyperparameterValue>
{
    private readonly string? _text;
    private readonly HyperparameterValue[]? _items;

    private HyperparameterValue(string? text, HyperparameterValue[]? items)
    {
        _text = text;
        _items = items;
    }

    /// <summary>No value (YAML <c>null</c>, <c>~</c> or an empty plain scalar): sets a nullable hyperparameter to null.</summary>
    public static HyperparameterValue Null { get; } = new(null, null);

    /// <summary>Whether this is <see cref="Null"/>.</summary>
    public bool IsNull => _text is null && _items is null;

    /// <summary>Whether this is a list.</summary>
    public bool IsList => _items is not null;

    /// <summary>The scalar's text, or <see langword="null"/> for <see cref="Null"/> and lists.</summary>
    public string? Text => _text;

    /// <summary>The list's items; empty for a scalar or <see cref="Null"/>.</summary>
    public IReadOnlyList<HyperparameterValue> Items => _items ?? [];

    /// <summary>A scalar written as <paramref name="text"/>.</summary>
    public static HyperparameterValue Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new HyperparameterValue(text, null);
    }

    /// <summary>A list of scalars (or nulls).</summary>
    /// <exception cref="ArgumentException">An item is itself a list.</exception>
    public static HyperparameterValue List(IEnumerable<HyperparameterValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            if (item.IsList)
                throw new ArgumentException("A hyperparameter list holds scalars only; nested lists are not supported.", nameof(items));
        }
        return new HyperparameterValue(null, array);
    }

    /// <inheritdoc/>
    public bool Equals(HyperparameterValue? other)
    {
        if (other is null)
            return false;
        if (_items is null || other._items is null)
            return _items is null && other._items is null && string.Equals(_text, other._text, StringComparison.Ordinal);
        return _items.AsSpan().SequenceEqual(other._items);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HyperparameterValue);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_items is null)
            return _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text);
        var hash = new HashCode();
        foreach (var item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>The value as written in messages: the scalar's text, <c>null</c>, or <c>[a, b]</c>.</summary>
    public override string ToString()
    {
        if (_items is null)
            return _text ?? "null";
        var builder = new StringBuilder("[");
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0)
                builder.Append(", ");
            builder.Append(_items[i]);
        }
        return builder.Append(']').ToString();
    }
}
