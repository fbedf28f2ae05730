namespace Kiln.Cli.Commands;

/// <summary>The switches of <c>kiln run</c> that change what it does around the workflow, not its results.</summary>
/// <param name="NoCache">Fit everything afresh, without the store's fit cache.</param>
/// <param name="NoRegister">Do not register the selected model.</param>
internal sealed record RunFlags(bool NoCache, bool NoRegister);
