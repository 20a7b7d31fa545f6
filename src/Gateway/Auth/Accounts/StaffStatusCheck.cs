using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Access tokens are short-lived JWTs nobody can recall, so every validated token is also checked against the person's
/// account now (issue 16): a departed person's token is refused at once, and so is a token whose role or store is no
/// longer the account's (a transferred person's token still naming the old store; their next token names the new one).
/// Tokens of user ids without a built-in account (dev tokens, the chain's OpenID Connect provider) pass unchanged.
/// </summary>
public static class StaffStatusCheck
{
    /// <summary>Registers the check on the bearer scheme (after its own configuration) and its cache.</summary>
    public static IServiceCollection AddStaffStatusCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffStatusOptions>()
            .Bind(configuration.GetSection(StaffStatusOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StaffStatusCache>();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events ??= new JwtBearerEvents();
            var inner = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await inner(context);
                if (context.Result is { Failure: not null } || context.Principal is null)
                {
                    return;
                }

                if (await RefusalAsync(context) is { } reason)
                {
                    context.Fail(reason);
                }
            };
        });
        return services;
    }

    private static async Task<string?> RefusalAsync(TokenValidatedContext context)
    {
        var user = StaffUser.From(context.Principal!);
        if (user is null || user.IsDisplay)
        {
            return null;
        }

        var services = context.HttpContext.RequestServices;
        var status = await services.GetRequiredService<StaffStatusCache>().GetAsync(user.UserId, services, context.HttpContext.RequestAborted);
        return status switch
        {
            null => null,
            { Departed: true } => $"{user.UserId} has left: their tokens no longer work.",
            _ when !string.Equals(status.Role, user.Role, StringComparison.Ordinal) => $"{user.UserId} is a {status.Role} now, not a {user.Role}: sign in again.",
            _ when !string.Equals(status.StoreId, user.StoreId, StringComparison.Ordinal) => $"{user.UserId} works in store {status.StoreId ?? "(none)"} now: sign in again.",
            _ => null,
        };
    }
}
