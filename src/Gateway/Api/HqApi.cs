using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>The HQ report (总部报表) behind the <c>/hq</c> page: per store and group, weekly, from the journal.</summary>
public static class HqApi
{
    /// <summary>Who reads it: HQ (any store, or the whole chain) and a store's supervisor (their store).</summary>
    public static readonly string[] Readers = [CrmRoles.Hq, CrmRoles.Supervisor];

    /// <summary>Weeks shown when none are asked for (the page's charts: the last 12 weeks).</summary>
    public const int DefaultWeeks = 12;

    /// <summary>The most weeks one report spans (a year; the reports grain refuses more).</summary>
    public const int MaxWeeks = 53;

    /// <summary>Maps <c>GET /api/reports/hq</c>.</summary>
    public static IEndpointRouteBuilder MapHqApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/reports").RequireAuthorization(CrmPolicies.Staff).WithTags("Reports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem()
            .MapGet("/hq", GetHqReport)
            .WithSummary("HQ report per store and design group for the last `weeks` store-local ISO weeks (default 12, 1–53): leads, dispatches by kind, measurement/deposit/contract rates of each week's leads, lost reasons, complaints and breaches. HQ: the chain or one store (storeId=); a supervisor: their own store");
        return api;
    }

    private static async Task<Ok<HqReport>> GetHqReport(string? storeId, string? weeks, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Readers);
        var count = Weeks(weeks);
        storeId = ScopedStore(user, storeId, required: false);
        if (storeId is not null)
        {
            await StoresApi.FindStoreAsync(grains, storeId);
        }

        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetHqReportAsync(storeId, count));
    }

    /// <summary>
    /// The store a report or export is of: HQ names any store (or none: the chain, unless <paramref name="required"/>);
    /// anyone else their own store, which is also the default (400 for a malformed id, 403 for another store).
    /// </summary>
    public static string? ScopedStore(StaffUser user, string? storeId, bool required)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(storeId))
        {
            storeId = user.IsHq ? null : user.StoreId;
        }

        if (storeId is null)
        {
            return required ? throw CrmException.Invalid("storeId", "The storeId field is required: the store to export (head office names one).") : null;
        }

        if (!CrmIdAttribute.IsValidId(storeId))
        {
            throw CrmException.Invalid("storeId", CrmIdAttribute.Reason("storeId"));
        }

        user.EnsureStore(storeId);
        return storeId;
    }

    private static int Weeks(string? value)
    {
        if (value is null)
        {
            return DefaultWeeks;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) && weeks is >= 1 and <= MaxWeeks
            ? weeks
            : throw CrmException.Invalid("weeks", $"The weeks field must be a whole number from 1 to {MaxWeeks}, got '{value}'.");
    }
}
