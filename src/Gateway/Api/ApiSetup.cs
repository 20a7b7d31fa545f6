namespace Orleans.Crm.Gateway.Api;

/// <summary>The REST API: problem details, validation, OpenAPI and one Map&lt;Feature&gt;Api per feature. (Owned by the API/auth work.)</summary>
public static class ApiSetup
{
    /// <summary>Registers what the API needs.</summary>
    public static IServiceCollection AddCrmApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps every API route.</summary>
    public static WebApplication MapCrmApi(this WebApplication app) => app;
}
