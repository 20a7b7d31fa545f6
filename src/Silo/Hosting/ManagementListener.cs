using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Makes the HTTP server listen on the management URLs as well as on the app's own. It adds them to the server's
/// addresses just before the host starts anything: the app's addresses are whatever the host would have bound
/// (ASPNETCORE_URLS / <c>urls</c>, else ASPNETCORE_HTTP_PORTS / HTTPS_PORTS, else Kestrel's default), or those a test
/// host already put there; once the list is not empty the web host adds no more of its own, so they are added here too.
/// </summary>
internal sealed class ManagementListener(ManagementEndpoint management, IServiceProvider services, IConfiguration configuration) : IHostedLifecycleService
{
    // Kestrel's own default when no address is configured anywhere.
    private const string KestrelDefault = "http://localhost:5000";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // No web server (a test host's service collection), or nothing to add.
        if (!management.IsSeparate || services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses is not { IsReadOnly: false } addresses)
        {
            return Task.CompletedTask;
        }

        if (addresses.Count == 0)
        {
            foreach (var url in AppUrls())
            {
                addresses.Add(url);
            }
        }

        foreach (var url in management.Urls.Where(u => !addresses.Contains(u)))
        {
            addresses.Add(url);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The addresses the web host itself would bind, in its order of precedence.</summary>
    private IEnumerable<string> AppUrls()
    {
        static IEnumerable<string> Split(string? value) => (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var urls = Split(configuration["urls"]).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
            urls.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        }

        return urls.Count > 0 ? urls : [KestrelDefault];
    }
}
