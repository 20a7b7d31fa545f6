using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Crm.Grains;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Runtime;
using Orleans.Crm.Silo.Storage;

namespace Orleans.Crm.Silo.Remote;

/// <summary>The silo side of <see cref="GrainCallProtocol"/>.</summary>
public static class GrainCallEndpoint
{
    /// <summary>Maps the internal grain-call route.</summary>
    public static IEndpointRouteBuilder MapGrainCalls(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(GrainCallProtocol.Prefix + "/{grainType}/{key}/{method}", HandleAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string grainType, string key, string method, HttpContext context, GrainRuntime runtime, GrainMethodTable methods)
    {
        JsonElement arguments;
        try
        {
            arguments = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, GrainJson.Options, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, new GrainCallError("internal", $"Malformed arguments: {e.Message}"));
        }

        var commandId = context.Request.Headers[GrainCallProtocol.CommandIdHeader].ToString();
        var kind = context.Request.Headers[GrainCallProtocol.CommandKindHeader].ToString();
        using var scope = commandId.Length == 0
            ? null
            : kind == "retry" ? RequestContext.WithRetryKey(commandId) : RequestContext.WithCommandId(commandId);
        try
        {
            var (result, resultType) = await methods.InvokeAsync(runtime, grainType, key, method, arguments);
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(result, resultType, GrainJson.Options), "application/json");
        }
        catch (CrmException e)
        {
            return Error(StatusCodes.Status422UnprocessableEntity, new GrainCallError("crm", e.Message, e.Kind.ToString(), e.Field));
        }
        catch (GrainConflictException e)
        {
            return Error(StatusCodes.Status409Conflict, new GrainCallError("conflict", e.Message));
        }
        catch (SiloUnavailableException e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, new GrainCallError("unavailable", e.Message));
        }
        catch (TimeoutException e)
        {
            return Error(StatusCodes.Status504GatewayTimeout, new GrainCallError("timeout", e.Message));
        }
        catch (GrainCallCycleException e)
        {
            return Error(StatusCodes.Status508LoopDetected, new GrainCallError("cycle", e.Message));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or CommitOutcomeUnknownException)
        {
            // The database is restarting or failing over: nothing was acknowledged, the caller resends.
            return Error(StatusCodes.Status503ServiceUnavailable, new GrainCallError("unavailable", e.Message));
        }
        catch (ArgumentException e)
        {
            return Error(StatusCodes.Status400BadRequest, new GrainCallError("internal", e.Message));
        }
    }

    private static IResult Error(int status, GrainCallError error) => Results.Json(error, GrainJson.Options, statusCode: status);
}
