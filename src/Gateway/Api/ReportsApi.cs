using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>A store's monthly reports, read from the journal through the reports grain: fault slips, lost leads.</summary>
public static partial class ReportsApi
{
    /// <summary>Who reads a store's reports: HQ, the store's supervisor and its account managers.</summary>
    public static readonly string[] Readers = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager];

    /// <summary>Maps <c>/api/stores/{storeId}/fault-slips</c> and <c>/api/stores/{storeId}/reports/…</c>.</summary>
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var stores = api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Reports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        stores.MapGet("/{storeId}/fault-slips", GetFaultSlips)
            .WithSummary("Fault slips (一般过失单) of a store-local month (month=YYYY-MM, default this month): overrides that broke the dispatch rules");
        stores.MapGet("/{storeId}/reports/lost", GetLostReport)
            .WithSummary("Lost leads of a store-local month (month=YYYY-MM, default this month) per manager: counts by reason and the analyses");
        stores.MapGet("/{storeId}/reports/callbacks", GetCallbackReport)
            .WithSummary("The managers' weekly callbacks of in-construction customers due in a store-local month (month=YYYY-MM, default this month): due, on time, late, missed, rate and the 10-point score");
        return api;
    }

    private static async Task<Ok<CallbackReport>> GetCallbackReport(string storeId, string? month, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        http.Staff().EnsureRole(storeId, Readers);
        var store = await StoresApi.FindStoreAsync(grains, storeId);
        var (year, number) = Month(month, time, store.TimeZone);
        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetCallbackReportAsync(storeId, store.TimeZone, year, number));
    }

    private static async Task<Ok<FaultSlipsResponse>> GetFaultSlips(string storeId, string? month, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        http.Staff().EnsureRole(storeId, Readers);
        var store = await StoresApi.FindStoreAsync(grains, storeId);
        var (year, number) = Month(month, time, store.TimeZone);
        var slips = await grains.GetGrain<IReportsGrain>(0).GetFaultSlipsAsync(storeId, store.TimeZone, year, number);
        return TypedResults.Ok(new FaultSlipsResponse(storeId, Format(year, number), slips));
    }

    private static async Task<Ok<LostReport>> GetLostReport(string storeId, string? month, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        http.Staff().EnsureRole(storeId, Readers);
        var store = await StoresApi.FindStoreAsync(grains, storeId);
        var (year, number) = Month(month, time, store.TimeZone);
        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetLostReportAsync(storeId, store.TimeZone, year, number));
    }

    /// <summary>A month written YYYY-MM (400 naming <c>month</c> otherwise); none means the store's current month.</summary>
    public static (int Year, int Month) Month(string? value, TimeProvider time, string? timeZone)
    {
        if (value is null)
        {
            var today = ApiDates.Today(time, timeZone);
            return (today.Year, today.Month);
        }

        var match = MonthPattern().Match(value);
        if (!match.Success
            || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) is < 1 or > 12
            || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is < 2000 or > 2999)
        {
            throw CrmException.Invalid("month", $"The month field must be a month written YYYY-MM (e.g. 2026-11), got '{value}'.");
        }

        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string Format(int year, int month) => new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();
}
