using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Crm.Tests.Security;

/// <summary>
/// The in-memory test server has no client address; this test-only startup filter gives every request one, as a real
/// connection has, so the audit's "from which address" can be checked.
/// </summary>
public static class ClientAddress
{
    public static readonly IPAddress Test = IPAddress.Parse("203.0.113.7");

    public static void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Filter>());

    private sealed class Filter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(following => context =>
            {
                context.Connection.RemoteIpAddress ??= Test;
                return following(context);
            });
            next(app);
        };
    }
}
