using System.Runtime.InteropServices;

namespace Kiln.Cli.Commands;

/// <summary>Turns the first Ctrl+C or SIGTERM into a cancellation, so a long command stops after keeping what it finished (a run ends as killed in the run store, a batch job keeps its chunks); a second Ctrl+C stops the process at once.</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _terminate;

    public StopSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                _source.Cancel();
            });
        }
    }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
            return;
        e.Cancel = true;
        _source.Cancel();
    }
}
