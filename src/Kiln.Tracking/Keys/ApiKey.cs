namespace Kiln.Tracking.Keys;

/// <summary>What the store keeps about an API key, never its secret.</summary>
public sealed record ApiKey
{
    /// <summary>The key's public id: 12 lower-case letters and digits, also the second part of the key itself.</summary>
    public required string Id { get; init; }

    /// <summary>The name given at creation; unique among the keys not revoked.</summary>
    public required string Name { get; init; }

    /// <summary>The scopes, in the order of <see cref="KeyScopes.All"/>.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>When the key was created (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When the key was revoked (UTC), or null while it is valid.</summary>
    public DateTimeOffset? Revoked { get; init; }

    /// <summary>Whether the key was revoked (it is then refused).</summary>
    public bool IsRevoked => Revoked is not null;

    /// <summary>Whether the key may do what <paramref name="scope"/> allows (it holds it, or admin).</summary>
    public bool Allows(string scope) => KeyScopes.Satisfies(Scopes, scope);

    /// <summary>Whether <paramref name="other"/> describes the same key in the same state (scopes compared in order).</summary>
    public bool Equals(ApiKey? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Scopes.SequenceEqual(other.Scopes, StringComparer.Ordinal)
        && Created == other.Created
        && Revoked == other.Revoked;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Created, Revoked);

    /// <summary>The key's id, name, scopes and times, for messages and logs.</summary>
    public override string ToString() =>
        $"ApiKey {{ Id = {Id}, Name = {Name}, Scopes = [{string.Join(", ", Scopes)}], Created = {Created:O}, Revoked = {(Revoked is { } revoked ? revoked.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "no")} }}";
}
