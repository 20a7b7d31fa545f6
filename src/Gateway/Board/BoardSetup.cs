using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Orleans.Crm.Gateway.Observability;

namespace Orleans.Crm.Gateway.Board;

/// <summary>The live board: SignalR hub, grain feeds, wall display and console pages.</summary>
public static class BoardSetup
{
    // display.html carries this in place of the configured Board:StaleAfter (a page opened without the route falls
    // back to the script's default).
    private const string StaleAfterPlaceholder = "{{staleAfterMs}}";

    /// <summary>
    /// Registers the hub (JSON protocol, enums as strings like the REST API), the process's board feed (it needs the
    /// Orleans <see cref="IGrainFactory"/>: a co-hosted silo's or a cluster client's) and the validated options.
    /// </summary>
    public static IServiceCollection AddCrmBoard(this IServiceCollection services)
    {
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSignalR(o => o.EnableDetailedErrors = false)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CrmGatewayMetrics>();
        services.AddSingleton<BoardFeed>();
        return services;
    }

    /// <summary>Maps the hub, the wall display (<c>/display/{storeId}</c>), the console (<c>/console</c>), the complaints board (<c>/service</c>), the HQ reports (<c>/hq</c>) and their static files.</summary>
    public static WebApplication MapCrmBoard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            // Wall screens stay on for weeks: make them revalidate so a deployment reaches them on their next reconnect.
            OnPrepareResponse = c => c.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.MapHub<BoardHub>(BoardMessages.HubPath);
        app.MapHub<ServiceHub>(ServiceMessages.HubPath);
        app.MapGet("/display/{storeId}", DisplayPageAsync).ExcludeFromDescription();

        // A paired wall display (issue 16): the page asks for a pairing code, then shows the credential's store.
        app.MapGet("/display", DisplayPageAsync).ExcludeFromDescription();
        app.MapGet("/console", (IWebHostEnvironment env) => Page(env, "console.html"))
            .ExcludeFromDescription();
        app.MapGet("/service", (IWebHostEnvironment env) => Page(env, "service.html"))
            .ExcludeFromDescription();
        app.MapGet("/hq", (IWebHostEnvironment env) => Page(env, "hq.html"))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DisplayPageAsync(IWebHostEnvironment env, IOptions<BoardOptions> options, HttpContext context)
    {
        var info = env.WebRootFileProvider.GetFileInfo("display.html");
        if (!info.Exists)
        {
            return Missing("display.html");
        }

        string html;
        using (var reader = new StreamReader(info.CreateReadStream()))
        {
            html = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        var staleAfter = ((long)options.Value.StaleAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return Results.Content(html.Replace(StaleAfterPlaceholder, staleAfter, StringComparison.Ordinal), "text/html; charset=utf-8");
    }

    private static IResult Page(IWebHostEnvironment env, string file)
    {
        var info = env.WebRootFileProvider.GetFileInfo(file);
        return info.Exists ? Results.Stream(info.CreateReadStream(), "text/html; charset=utf-8") : Missing(file);
    }

    private static IResult Missing(string file) =>
        Results.Problem($"{file} is missing from the gateway's web root.", statusCode: StatusCodes.Status500InternalServerError);
}
