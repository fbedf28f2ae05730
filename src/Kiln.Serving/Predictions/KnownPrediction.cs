using Kiln.Serving.Routing;

namespace Kiln.Serving.Predictions;

/// <summary>Which model answered a prediction id: its name, version and role; kept for feedback after that version stops serving.</summary>
internal readonly record struct KnownPrediction(string Model, int Version, ServingRole Role);
