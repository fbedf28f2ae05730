using Kiln.Core.Data;

namespace Kiln.Workflow.Scoring;

/// <summary>One chunk of a batch job's input.</summary>
/// <param name="Index">The chunk's position in the input (0-based), which names its file.</param>
/// <param name="FirstRow">The input row number of the chunk's first row (0-based).</param>
/// <param name="Rows">The chunk's rows: the model's columns and the id column.</param>
internal sealed record InputChunk(int Index, long FirstRow, Table Rows);
