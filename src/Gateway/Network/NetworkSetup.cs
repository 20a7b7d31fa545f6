using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Network;

/// <summary>
/// The gateway behind a reverse proxy (issue 14): forwarded headers from trusted proxies only (<see cref="NetworkSettings"/>)
/// and HSTS outside Development.
/// </summary>
public static class NetworkSetup
{
    /// <summary>Registers <c>Network:*</c> (validated at start) and the forwarded-headers and HSTS options built from it.</summary>
    public static IServiceCollection AddCrmNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkSettings>().Bind(configuration.GetSection(NetworkSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkSettings>>((forwarded, network) =>
        {
            // The client's address (for the audit) and the scheme (for HSTS and Secure cookies). Not the host: the
            // gateway never builds absolute links from it.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The framework trusts loopback by default; here only what is configured is trusted (and with nothing
            // configured the middleware is not used at all, see UseCrmNetwork).
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in network.Value.Proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var net in network.Value.Networks)
            {
                forwarded.KnownIPNetworks.Add(net);
            }

            // ForwardLimit stays 1: only the entry the trusted proxy itself appended (the rightmost) is believed;
            // whatever a client put in X-Forwarded-For before it can be forged.
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so everything after it (audit, rate limits, sign-in cookies) sees the client's address and
    /// scheme; then HSTS outside Development (sent on HTTPS requests only, i.e. forwarded as https by a trusted proxy).
    /// </summary>
    public static WebApplication UseCrmNetwork(this WebApplication app)
    {
        // With no known proxy at all the framework's middleware would believe every sender (it checks the sender only
        // when some proxy is configured), so "trust none" means not running it.
        var network = app.Services.GetRequiredService<IOptions<NetworkSettings>>().Value;
        if (network.KnownProxies.Count > 0 || network.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
