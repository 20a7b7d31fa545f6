using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Auth;
using Orleans.Dashboard;

namespace Orleans.Crm.Gateway.Dashboard;

/// <summary>
/// The Orleans Dashboard for head office at <c>/dashboard</c>. Its data comes from the silos (the dashboard grain that
/// <c>AddCrmSilo</c> adds); this process serves the pages and their data routes, whether it co-hosts a silo or is an
/// Orleans client. Every route under the prefix needs <see cref="CrmPolicies.Dashboard"/>: an hq bearer token, or the
/// cookie that <see cref="DashboardSignIn"/> sets for a browser.
/// </summary>
public static class DashboardSetup
{
    /// <summary>The cookie scheme, the bearer-or-cookie scheme and the hq policy; the API's own auth is unchanged.</summary>
    public static IServiceCollection AddCrmDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrmDashboardOptions>().Bind(configuration.GetSection(CrmDashboardOptions.Section));
        services.AddSingleton<DashboardTicketFormat>();
        services.AddAuthentication()
            .AddCookie(DashboardAuth.CookieScheme, o =>
            {
                o.Cookie.Name = DashboardAuth.CookieName;
                o.Cookie.Path = DashboardAuth.Path;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.LoginPath = DashboardAuth.SignInPath;

                // The token's expiry is the cookie's: never extended.
                o.SlidingExpiration = false;

                // Only hq cookies are ever issued, so this is a cookie whose role changed meaning: say so, do not redirect.
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddPolicyScheme(DashboardAuth.Scheme, "Orleans Dashboard", o => o.ForwardDefaultSelector = c =>
                c.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : DashboardAuth.CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(DashboardAuth.CookieScheme)
            .Configure<IOptions<CrmDashboardOptions>, DashboardTicketFormat>((o, dashboard, format) =>
            {
                o.Cookie.SecurePolicy = dashboard.Value.SecureCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.TicketDataFormat = format;
            });
        services.AddAuthorizationBuilder().AddPolicy(CrmPolicies.Dashboard, p => p
            .AddAuthenticationSchemes(DashboardAuth.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(CrmClaims.Role, CrmRoles.Hq)
            .AddRequirements(Auth.Accounts.PasswordSetRequirement.Instance));
        return services;
    }

    /// <summary>The sign-in (anonymous) and the dashboard's pages and data (hq), none of them in the OpenAPI document.</summary>
    public static WebApplication MapCrmDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(DashboardAuth.SignInPath, DashboardSignIn.ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(DashboardAuth.SignInPath, DashboardSignIn.SignInAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(DashboardAuth.SignOutPath, DashboardSignIn.SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapOrleansDashboard(DashboardAuth.Path).RequireAuthorization(CrmPolicies.Dashboard).ExcludeFromDescription();
        return app;
    }
}
