using System.Globalization;
using Kiln.Core;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Routing;

/// <summary>A challenger that answers <see cref="Percent"/> % of the requests for its name: <c>--canary penguins@challenger=10</c>.</summary>
/// <param name="Reference">The challenger; its name is the served name whose traffic it shares.</param>
/// <param name="Percent">The share of the name's requests (those that name no version) it answers, above 0 and at most 100.</param>
public sealed record CanaryRoute(ModelReference Reference, double Percent)
{
    /// <summary>Reads <c>NAME@ALIAS=PERCENT</c> (or <c>NAME=PERCENT</c>, <c>NAME/N=PERCENT</c>).</summary>
    /// <exception cref="KilnException">The text is not of that form, or the percentage is not above 0 and at most 100.</exception>
    public static CanaryRoute Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals < 0)
            throw new KilnException($"The canary '{text}' has no share; write NAME@ALIAS=PERCENT, e.g. penguins@challenger=10 for 10 % of the requests.");
        if (!ModelReference.TryParse(text[..equals], out var reference, out var problem))
            throw new KilnException($"The canary '{text}' does not start with a model reference: {problem}");
        if (!double.TryParse(text.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !(percent is > 0 and <= 100))
            throw new KilnException($"The canary '{text}' has the share '{text[(equals + 1)..]}'; give a percentage above 0 and at most 100, e.g. {text[..equals]}=10.");
        return new CanaryRoute(reference, percent);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Reference}={Percent}");
}
