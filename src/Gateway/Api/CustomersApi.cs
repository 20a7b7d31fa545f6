using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>Customers: chain-wide (one per phone number), seen by the stores that work them.</summary>
public static class CustomersApi
{
    /// <summary>Maps <c>/api/customers/…</c>.</summary>
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/customers").RequireAuthorization(CrmPolicies.Staff).WithTags("Customers")
            .MapGet("/{customerId}", GetCustomer)
            .WithSummary("A customer: open leads across the chain, owner, previous designer (for staff of a store working them)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimits.Lookups);
        return api;
    }

    private static async Task<Ok<CustomerView>> GetCustomer(string customerId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var customer = await grains.GetGrain<ICustomerGrain>(customerId).GetAsync()
            ?? throw CrmException.NotFound("customerId", $"Customer '{customerId}' does not exist.");
        if (user.IsHq)
        {
            await AuditApi.RecordReadAsync(http, grains, customerId, "customer", customerId, customer.Owner?.StoreId);
            return TypedResults.Ok(customer);
        }

        // A store sees a customer it works (an open lead there) or owns; confidentiality forbids the rest (DOMAIN §9).
        var leads = await Task.WhenAll(customer.OpenLeadIds.Select(grains.FindAsync));
        var mine = leads.OfType<LeadView>().Where(l => l.StoreId is not null && user.CanSeeStore(l.StoreId)).ToList();
        if (mine.Count == 0 && !user.CanSeeStore(customer.Owner?.StoreId))
        {
            throw new AccessDeniedException($"Customer '{customerId}' is not a customer of store '{user.StoreId}'.");
        }

        var full = user.Role != CrmRoles.Designer
            || mine.Any(l => l.DesignerId == user.UserId)
            || customer.PreviousDesignerId == user.UserId
            || customer.Owner?.DesignerId == user.UserId;
        if (full)
        {
            await AuditApi.RecordReadAsync(http, grains, customerId, "customer", customerId, user.StoreId);
        }

        return TypedResults.Ok(customer.For(user, full));
    }
}
