using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Auth;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Per-user rate limits (ASP.NET Core rate limiting) on customer look-ups and exports, so one account cannot harvest
/// the customer base (DOMAIN §9); a request over the limit is a 429 with problem details and <c>Retry-After</c>. The
/// partition is the signed-in user (role, store and id), so one user's burst never slows another's.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of customer look-ups.</summary>
    public const string Lookups = "customer-lookups";

    /// <summary>The policy of exports.</summary>
    public const string Exports = "exports";

    /// <summary>The policy of wall-display pairing claims (anonymous: per client address, so six-digit codes cannot be guessed).</summary>
    public const string DisplayClaims = "display-claims";

    /// <summary>Registers the limiter and its policies (<c>Security:RateLimits:*</c>, validated at start).</summary>
    public static IServiceCollection AddCrmRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection(RateLimitSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Lookups, http => PerUser(http, s => s.Lookups));
            o.AddPolicy(Exports, http => PerUser(http, s => s.Exports));
            o.AddPolicy(DisplayClaims, PerAddress);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerUser(HttpContext http, Func<RateLimitSettings, RateLimitWindow> pick)
    {
        // Authorization runs first, so every request here is signed in; anything else is not limited here.
        if (StaffUser.From(http.User) is not { } user)
        {
            return RateLimitPartition.GetNoLimiter("anonymous");
        }

        var limit = pick(http.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter($"{user.Role}/{user.StoreId}/{user.UserId}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    // Claims come before any sign-in: the client address (after forwarded headers) is all there is to partition by.
    private static RateLimitPartition<string> PerAddress(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value.DisplayClaims;
        return RateLimitPartition.GetFixedWindowLimiter($"address/{http.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = "This user (or, for display pairing claims, this address) has made too many requests of this kind (customer look-ups, exports or pairing claims) in the current window; try again later.",
        };
        if (retryAfter is { } seconds)
        {
            problem.Extensions["retryAfterSeconds"] = Math.Max(1, (int)Math.Ceiling(seconds.TotalSeconds));
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
