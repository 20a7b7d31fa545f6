using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// "My work" of the staff console (issue 15): the caller's leads, answered from the journal through the reports grain
/// (no fan-out to the store's lead state). The rest of each role's work list reuses what already answers: my tasks
/// (due, overdue, escalated) are <c>GET /api/tasks</c>, a designer's slots and the store's queue and unassigned
/// walk-ins are the board (<c>GET /api/stores/{storeId}/board</c>), fault slips <c>GET /api/stores/{storeId}/fault-slips</c>.
/// </summary>
public static class MyWorkApi
{
    /// <summary>Roles with a lead work list.</summary>
    public static readonly string[] Listing = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Designer, CrmRoles.FrontDesk];

    /// <summary>Maps <c>/api/my/…</c>.</summary>
    public static IEndpointRouteBuilder MapMyWorkApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var my = api.MapGroup("/my").RequireAuthorization(CrmPolicies.Staff).WithTags("My work")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        my.MapGet("/leads", GetMyLeads)
            .WithSummary("The caller's leads by running number: a manager's own (open; state=all adds closed ones), the leads a designer holds, the front desk's registrations of today, a supervisor's (or HQ's, storeId=…) open leads of the store; masked as the role requires, people in names, days since the last follow-up");
        return api;
    }

    private static async Task<Ok<MyLeadsResponse>> GetMyLeads(string? storeId, string? state, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Listing);
        if (storeId is not null && !CrmIdAttribute.IsValidId(storeId))
        {
            throw CrmException.Invalid("storeId", CrmIdAttribute.Reason("storeId"));
        }

        var wanted = state?.Trim().ToLowerInvariant();
        if (wanted is not null and not ("open" or "all"))
        {
            throw CrmException.Invalid("state", $"Unknown state '{state}'; allowed values: open, all.");
        }

        var store = storeId ?? user.StoreId
            ?? throw CrmException.Invalid("storeId", "The storeId field is required for head office: name the store whose leads to list.");
        user.EnsureStore(store);
        var view = await StoresApi.FindStoreAsync(grains, store);
        var openOnly = wanted != "all";
        var reports = grains.GetGrain<IReportsGrain>(0);
        var (list, rows) = user.Role switch
        {
            CrmRoles.Manager => ("manager", await reports.GetStoreLeadsAsync(store, user.UserId, null, null, openOnly)),
            CrmRoles.Designer => ("designer", await reports.GetStoreLeadsAsync(store, null, user.UserId, null, openOnly)),
            CrmRoles.FrontDesk => ("frontdesk", await reports.GetStoreLeadsAsync(store, null, null, view.TimeZone, false)),
            _ => ("store", await reports.GetStoreLeadsAsync(store, null, null, null, openOnly)),
        };

        var names = StaffNames.Of(await grains.GetGrain<IStoreGrain>(store).GetBoardAsync());
        return TypedResults.Ok(new MyLeadsResponse(store, list, [.. rows.Select(r => Row(r, user, store, names))]));
    }

    private static MyLead Row(LeadListRow r, StaffUser user, string storeId, StaffNames names)
    {
        var full = user.CanSeeLeadDetails(storeId, r.DesignerId);
        return new MyLead(
            r.LeadId, r.RunningNumber,
            full ? r.Name : Masking.Name(r.Name), full ? r.Phone : Masking.Phone(r.Phone),
            r.Status, r.Colour, r.Open,
            r.ManagerId, names.Name(r.ManagerId), r.DesignerId, names.Name(r.DesignerId),
            r.RegisteredAt, r.LastFollowUpAt, r.DaysSinceFollowUp, r.LateEntry);
    }
}
