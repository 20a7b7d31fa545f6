using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Complaints and emergencies (the service clock of seed 003): filed and stepped through the store's complaint desk
/// grain, listed from it; the weekly summary for the VP read from the journal through the reports grain.
/// </summary>
public static partial class ComplaintsApi
{
    /// <summary>Who files complaints: the front desk logs calls and passes them on at once; customer service; supervisors; HQ.</summary>
    public static readonly string[] Filing = [CrmRoles.Hq, CrmRoles.Service, CrmRoles.Supervisor, CrmRoles.FrontDesk];

    /// <summary>Who records the steps of the clock: customer service, the store's supervisor, HQ.</summary>
    public static readonly string[] Stepping = [CrmRoles.Hq, CrmRoles.Service, CrmRoles.Supervisor];

    /// <summary>Who reads the weekly summary: HQ (the VP), customer service, supervisors (their store).</summary>
    public static readonly string[] Reporting = [CrmRoles.Hq, CrmRoles.Service, CrmRoles.Supervisor];

    /// <summary>The chain's calendar for a chain-wide weekly report (a store's report uses the store's).</summary>
    public const string ChainTimeZone = "Asia/Shanghai";

    /// <summary>Maps <c>/api/complaints</c> and <c>/api/reports/complaints</c>.</summary>
    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var complaints = api.MapGroup("/complaints").RequireAuthorization(CrmPolicies.Staff).WithTags("Complaints")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        complaints.MapPost("", PostComplaint)
            .WithSummary("Files a complaint or emergency: 201 with the deadlines of the service clock computed from the received time")
            .ProducesProblem(StatusCodes.Status404NotFound);
        complaints.MapPost("/{complaintId}/steps", PostStep)
            .WithSummary("Records a step of the clock (who: the token); satisfied closes, not satisfied re-opens; 409 closed or out of order")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        complaints.MapGet("", ListComplaints)
            .WithSummary("A store's complaints (state=open|breached|closed; closed ones within the repeat window)");
        api.MapGroup("/reports").RequireAuthorization(CrmPolicies.Staff).WithTags("Reports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .MapGet("/complaints", GetWeek)
            .WithSummary("Weekly complaint summary (week=YYYY-Www, store-local ISO week) per store: counts, breaches by step, repeat complaints, median times per step");
        return api;
    }

    private static async Task<Created<ComplaintView>> PostComplaint(ComplaintRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(body.StoreId, Filing);
        var channel = body.Channel.Trim().ToLowerInvariant();
        if (!ComplaintChannels.All.Contains(channel))
        {
            throw CrmException.Invalid("channel", $"'{body.Channel}' is not a complaint channel: use one of {string.Join(", ", ComplaintChannels.All)}.");
        }

        if (string.IsNullOrWhiteSpace(body.Phone) && body.CustomerId is null)
        {
            throw CrmException.Invalid("phone", "Give the caller's phone or the customerId.");
        }

        await StoresApi.FindStoreAsync(grains, body.StoreId);
        var summary = body.Summary.Trim();
        if (summary.Length == 0)
        {
            throw CrmException.Invalid("summary", "The summary says what the customer complained about.");
        }

        var desk = grains.GetGrain<IComplaintDeskGrain>(body.StoreId);
        var filing = new FileComplaint(body.CustomerId, string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone, body.ProjectId, channel, summary, body.Emergency, user.UserId);
        var view = await Commands.RunAsync(http, "complaint", body.StoreId, body.StoreId, body.CommandId, id => desk.FileAsync(filing, id));

        // Listed once a complaint was accepted (a refused one changes nothing), so chain-wide boards find the desk; a
        // retry of the command lists it again (idempotent) if this gateway died in between.
        await grains.GetGrain<IComplaintDirectoryGrain>(0).AddAsync(body.StoreId);
        return TypedResults.Created($"/api/complaints?storeId={body.StoreId}", view);
    }

    private static async Task<Ok<ComplaintView>> PostStep(string complaintId, ComplaintStepRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var storeId = ComplaintIds.StoreOf(complaintId);
        if (storeId is null || !CrmIdAttribute.IsValidId(storeId))
        {
            throw CrmException.NotFound("complaintId", $"Complaint '{complaintId}' does not exist.");
        }

        user.EnsureRole(storeId, Stepping);
        var step = body.Step.Trim().ToLowerInvariant();
        if (!ComplaintSteps.All.Contains(step))
        {
            throw CrmException.Invalid("step", $"'{body.Step}' is not a complaint step: use one of {string.Join(", ", ComplaintSteps.All)}.");
        }

        var desk = grains.GetGrain<IComplaintDeskGrain>(storeId);
        var command = new RecordComplaintStep(step, body.Note?.Trim(), body.Department?.Trim(), body.Person?.Trim(), body.Satisfied, user.UserId);
        var view = await Commands.RunAsync(http, "complaint-step", complaintId, storeId, body.CommandId, id => desk.RecordStepAsync(complaintId, command, id));
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<IReadOnlyList<ComplaintView>>> ListComplaints(string? storeId, string? state, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Filing);
        var store = storeId ?? user.StoreId ?? throw CrmException.Invalid("storeId", "storeId names the store whose complaints to list.");
        if (!CrmIdAttribute.IsValidId(store))
        {
            throw CrmException.Invalid("storeId", CrmIdAttribute.Reason("storeId"));
        }

        user.EnsureStore(store);
        var wanted = state?.Trim().ToLowerInvariant();
        if (wanted is not null && !ComplaintSteps.States.Contains(wanted))
        {
            throw CrmException.Invalid("state", $"'{state}' is not a complaint state: use one of {string.Join(", ", ComplaintSteps.States)}.");
        }

        await StoresApi.FindStoreAsync(grains, store);
        return TypedResults.Ok<IReadOnlyList<ComplaintView>>(await grains.GetGrain<IComplaintDeskGrain>(store).ListAsync(wanted));
    }

    private static async Task<Ok<ComplaintWeekReport>> GetWeek(string? week, string? storeId, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var user = http.Staff();
        user.EnsureRole(Reporting);
        var store = storeId ?? (user.IsHq || user.IsChainService ? null : user.StoreId);
        if (store is not null && !CrmIdAttribute.IsValidId(store))
        {
            throw CrmException.Invalid("storeId", CrmIdAttribute.Reason("storeId"));
        }

        user.EnsureStore(store);
        var timeZone = store is null ? ChainTimeZone : (await StoresApi.FindStoreAsync(grains, store)).TimeZone;
        var (year, number) = Week(week, time, timeZone);
        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetComplaintWeekAsync(store, timeZone, year, number));
    }

    /// <summary>An ISO week written YYYY-Www (400 naming <c>week</c> otherwise); none means the current store-local week.</summary>
    public static (int Year, int Week) Week(string? value, TimeProvider time, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (value is null)
        {
            var today = ApiDates.Today(time, timeZone).ToDateTime(TimeOnly.MinValue);
            return (ISOWeek.GetYear(today), ISOWeek.GetWeekOfYear(today));
        }

        var match = WeekPattern().Match(value.Trim());
        if (match.Success)
        {
            var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var week = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (year is >= 2000 and <= 2999 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
            {
                return (year, week);
            }
        }

        throw CrmException.Invalid("week", $"The week field must be an ISO week written YYYY-Www (e.g. 2026-W49), got '{value}'.");
    }

    [GeneratedRegex("^([0-9]{4})-[Ww]([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekPattern();
}
