namespace Orleans.Crm.Gateway.Auth;

/// <summary>JWT bearer authentication, role policies and the dev-token endpoint. (Owned by the API/auth work.)</summary>
public static class AuthSetup
{
    /// <summary>Registers authentication and authorization.</summary>
    public static IServiceCollection AddCrmAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAuthorization();
        return services;
    }

    /// <summary>Adds the authentication and authorization middleware.</summary>
    public static WebApplication UseCrmAuth(this WebApplication app)
    {
        app.UseAuthorization();
        return app;
    }
}
