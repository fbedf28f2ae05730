namespace Kiln.Tracking.Keys;

/// <summary>A key just created: its record and the key itself, which is shown this once and never stored.</summary>
/// <param name="Record">What the store keeps.</param>
/// <param name="Key">The full key to hand to the client (<c>kiln_&lt;id&gt;_&lt;secret&gt;</c>).</param>
public sealed record CreatedApiKey(ApiKey Record, string Key)
{
    /// <summary>The record without the key, so that logging the value never prints the secret.</summary>
    public override string ToString() => $"CreatedApiKey {{ Record = {Record}, Key = (hidden) }}";
}
