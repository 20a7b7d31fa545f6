using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// Wall-display credentials (issue 16): their authentication scheme, made part of the default scheme next to the staff
/// bearer tokens; the credential cache; the hub filter and sweeper that close revoked displays' connections.
/// </summary>
public static class DisplaysSetup
{
    /// <summary>Registers the display services; call after <c>AddCrmAuth</c> (this makes the default scheme a selector over both).</summary>
    public static IServiceCollection AddCrmDisplays(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DisplayOptions>().Bind(configuration.GetSection(DisplayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DisplayCredentialCache>();
        services.AddSingleton<DisplayConnections>();
        services.AddSingleton<DisplayHubFilter>();
        services.AddHostedService<DisplayConnectionSweeper>();
        services.Configure<HubOptions>(o => o.AddFilter<DisplayHubFilter>());

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DisplayCredentialHandler>(DisplayCredentials.Scheme, null)
            .AddPolicyScheme(DisplayCredentials.Selector, "Staff bearer token or wall-display credential", o => o.ForwardDefaultSelector = http =>
                DisplayCredentials.IsDisplayCredential(http) ? DisplayCredentials.Scheme : JwtBearerDefaults.AuthenticationScheme);

        // Runs after AddCrmAuth's AddAuthentication(JwtBearer), so the selector becomes the default.
        services.Configure<AuthenticationOptions>(o => o.DefaultScheme = DisplayCredentials.Selector);
        return services;
    }
}
