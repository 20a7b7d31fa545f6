using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;

namespace Orleans.Crm.Gateway.Board;

/// <summary>The live board: SignalR hub, outbox tailing, wall display and console pages.</summary>
public static class BoardSetup
{
    /// <summary>Registers the hub (JSON protocol, enums as strings like the REST API) and the process's board feed.</summary>
    public static IServiceCollection AddCrmBoard(this IServiceCollection services)
    {
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section);
        services.AddSignalR(o => o.EnableDetailedErrors = false)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<BoardFeed>();
        return services;
    }

    /// <summary>Maps the hub, the wall display (<c>/display/{storeId}</c>), the console (<c>/console</c>) and their static files.</summary>
    public static WebApplication MapCrmBoard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            // Wall screens stay on for weeks: make them revalidate so a deployment reaches them on their next reconnect.
            OnPrepareResponse = c => c.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.MapHub<BoardHub>(BoardMessages.HubPath);
        app.MapGet("/display/{storeId}", (string storeId, IWebHostEnvironment env) => Page(env, "display.html"))
            .ExcludeFromDescription();
        app.MapGet("/console", (IWebHostEnvironment env) => Page(env, "console.html"))
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Page(IWebHostEnvironment env, string file)
    {
        var info = env.WebRootFileProvider.GetFileInfo(file);
        if (!info.Exists)
        {
            return Results.Problem($"{file} is missing from the gateway's web root.", statusCode: StatusCodes.Status500InternalServerError);
        }

        return Results.Stream(info.CreateReadStream(), "text/html; charset=utf-8");
    }
}
