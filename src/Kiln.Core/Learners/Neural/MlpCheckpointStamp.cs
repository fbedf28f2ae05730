namespace Kiln.Core.Learners.Neural;

// What a checkpoint must match to be resumed: the options (those that change the result), the data's shape, and a
// checksum of its values.
internal sealed record MlpCheckpointStamp(string Options, string Shape, ulong DataChecksum);
