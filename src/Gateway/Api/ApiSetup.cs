using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Crm.Gateway.Api.Enums;
using Orleans.Crm.Gateway.Observability;
using Polly;

namespace Orleans.Crm.Gateway.Api;

/// <summary>The REST API: problem details, validation, OpenAPI and one Map&lt;Feature&gt;Api per feature.</summary>
public static class ApiSetup
{
    /// <summary>Registers what the API needs.</summary>
    public static IServiceCollection AddCrmApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ValidationErrorNames.ToJsonNames);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddValidation();
        services.AddOpenApi(o => o.AddSchemaTransformer<ApiEnumSchemaTransformer>());
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new ApiEnumConverterFactory()));

        // Unreadable bodies throw (in every environment) so the exception handler answers them as problem details
        // naming the field, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        var resilience = new ClusterResilience();
        configuration.GetSection(ClusterResilience.Section).Bind(resilience);
        services.AddOptions<ClusterResilience>().Bind(configuration.GetSection(ClusterResilience.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<CrmGatewayMetrics>();
        services.AddResiliencePipeline(ClusterResilience.PipelineName, (pipeline, context) =>
            resilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<CrmGatewayMetrics>()));
        return services;
    }

    /// <summary>Error handling for the whole pipeline: exceptions and empty error responses become problem details.</summary>
    public static WebApplication UseCrmApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Maps every API route and the OpenAPI document (<c>/openapi/v1.json</c>).</summary>
    public static WebApplication MapCrmApi(this WebApplication app)
    {
        app.MapOpenApi();
        var api = app.MapGroup("/api")
            .AddEndpointFilter<RouteIdFilter>()
            .AddEndpointFilter<ClusterRetryFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDevTokenApi();
        api.MapAuthApi();
        api.MapStoresApi();
        api.MapStaffApi();
        api.MapStaffAccountsApi();
        api.MapStaffChangesApi();
        api.MapLeadsApi();
        api.MapPoolApi();
        api.MapCustomersApi();
        api.MapSearchApi();
        api.MapTasksApi();
        api.MapReportsApi();
        api.MapRankingsApi();
        api.MapProjectsApi();
        api.MapComplaintsApi();
        api.MapRepairsApi();
        api.MapManagerScoresApi();
        api.MapHqApi();
        api.MapExportsApi();
        api.MapAuditApi();
        api.MapDisplaysApi();

        // Issue 15: the console's work lists and lead page.
        api.MapMyWorkApi();
        api.MapLeadTimelineApi();
        return app;
    }

    /// <summary>A problem with extra members (e.g. the owner of a customer, who holds a claim) as extensions.</summary>
    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
