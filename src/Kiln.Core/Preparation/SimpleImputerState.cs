namespace Kiln.Core.Preparation;

// The options of a SimpleImputerModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record SimpleImputerState(string Strategy, double FillValue, string FillCategory);
