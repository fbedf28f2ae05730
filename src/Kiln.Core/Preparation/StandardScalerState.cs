namespace Kiln.Core.Preparation;

// The options of a StandardScalerModel as its bundle stores them; every field is required.
internal sealed record StandardScalerState(bool WithMean, bool WithStd);
