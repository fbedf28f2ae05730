namespace Kiln.Core.Preparation;

// The options of a OneHotEncoderModel as its bundle stores them; every field is required.
internal sealed record OneHotEncoderState(string HandleUnknown, string Drop);
