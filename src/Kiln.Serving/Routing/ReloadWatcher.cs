using Microsoft.Extensions.Hosting;

namespace Kiln.Serving.Routing;

/// <summary>Re-resolves the moving slots every <see cref="ReloadOptions.Every"/> in the background, for the life of the server.</summary>
internal sealed class ReloadWatcher(ModelReloader reloader, ReloadOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Every, options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await Task.Run(() => reloader.ReloadAll(force: false), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }
}
