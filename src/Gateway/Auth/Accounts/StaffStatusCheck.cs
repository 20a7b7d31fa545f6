using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Access tokens are short-lived JWTs nobody can recall, so every validated token is also checked against the person's
/// account now (issue 16): a departed person's token is refused at once, and so is a token whose role or store is no
/// longer the account's (a transferred person's token still naming the old store; their next token names the new one).
/// Tokens of user ids without a built-in account pass unchanged (dev tokens; the chain's OpenID Connect provider's, except
/// designers and managers, whom the directory knows: <see cref="StaffStatusCache"/>).
/// </summary>
public static class StaffStatusCheck
{
    /// <summary>
    /// Registers the check on the bearer scheme (after its own configuration), its cache, and the closing of hub
    /// connections opened with tokens the check now refuses (<see cref="StaffConnections"/>).
    /// </summary>
    public static IServiceCollection AddStaffStatusCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffStatusOptions>()
            .Bind(configuration.GetSection(StaffStatusOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StaffStatusCache>();
        services.AddSingleton<StaffConnections>();
        services.AddSingleton<StaffHubFilter>();
        services.AddHostedService<StaffConnectionSweeper>();
        services.Configure<HubOptions>(o => o.AddFilter<StaffHubFilter>());
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
        return Refusal(user, await services.GetRequiredService<StaffStatusCache>().GetAsync(user, services, context.HttpContext.RequestAborted));
    }

    /// <summary>Why <paramref name="user"/>'s token no longer works given their account's <paramref name="status"/>, or null when it does.</summary>
    public static string? Refusal(StaffUser user, StaffStatus? status)
    {
        ArgumentNullException.ThrowIfNull(user);
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
