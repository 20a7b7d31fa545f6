using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Orleans.Crm.Gateway.Auth.Accounts;

namespace Orleans.Crm.Gateway.Auth;

/// <summary>JWT bearer authentication (HMAC key from <c>Auth:SigningKey</c>), the role policies and the dev-token issuer.</summary>
public static class AuthSetup
{
    /// <summary>Registers authentication and authorization; <c>Auth</c> is validated when the host starts.</summary>
    public static IServiceCollection AddCrmAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CrmAuthOptions>()
            .Bind(configuration.GetSection(CrmAuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DevTokenIssuer>();
        services.AddCrmAccounts(configuration);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddStaffStatusCheck(configuration);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CrmAuthOptions>, IOptions<CrmAccountOptions>>((jwt, auth, accounts) =>
            {
                Configure(jwt, auth.Value);
                if (accounts.Value.IsOidc)
                {
                    OidcBearer.Configure(jwt, auth.Value, accounts.Value);
                }
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(CrmPolicies.Staff, p => p.RequireAuthenticatedUser().RequireClaim(CrmClaims.Role, CrmPolicies.StaffRoles).AddRequirements(PasswordSetRequirement.Instance))
            .AddPolicy(CrmPolicies.Board, p => p.RequireAuthenticatedUser().RequireClaim(CrmClaims.Role, CrmRoles.All).AddRequirements(PasswordSetRequirement.Instance))
            .AddPolicy(CrmPolicies.Account, p => p.RequireAuthenticatedUser().RequireClaim(CrmClaims.Role, CrmPolicies.StaffRoles));
        return services;
    }

    /// <summary>Adds the authentication and authorization middleware.</summary>
    public static WebApplication UseCrmAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static void Configure(JwtBearerOptions jwt, CrmAuthOptions auth)
    {
        // Our claim names (sub, role, store_id) as written, not rewritten to the long WS-* URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(auth.KeyBytes()),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RoleClaimType = CrmClaims.Role,
            NameClaimType = CrmClaims.UserId,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Browsers cannot set headers on WebSockets/SSE, so SignalR clients send the token in the query.
                if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                    && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
        };
    }
}
