using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// A lead's life: dispatch (or suggestion), refusal, measurement, deposit, contract, follow-ups, close. Every change
/// is decided by the lead's store grain, found through the lead (a pool lead has no store until claimed).
/// </summary>
public static class LeadsApi
{
    /// <summary>Maps <c>/api/leads/…</c>.</summary>
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var leads = api.MapGroup("/leads").RequireAuthorization(CrmPolicies.Staff).WithTags("Leads")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        leads.MapGet("/{leadId}", GetLead).WithSummary("A lead (name and phone masked unless the caller may see them; full details are audited); rate-limited per user (429)")
            .RequireRateLimiting(RateLimits.Lookups)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        leads.MapGet("/{leadId}/suggestion", GetSuggestion)
            .WithSummary("What a dispatch by the rules would do now, with its explanation, without doing it")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/dispatch", PostDispatch)
            .WithSummary("Dispatches by the rules, or to a named designer with a reason (override; one that breaks the rules records a fault slip); 403 for another manager's lead; 409 when queued or refused")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/refuse", PostRefuse)
            .WithSummary("The holding designer refuses the lead (recorded); it goes back to dispatch")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/deposit", PostDeposit)
            .WithSummary("Records a deposit; the first deposit or contract owns the customer, 409 names the owner otherwise")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/contract", PostContract)
            .WithSummary("Records a signed contract (the signer must match the deposit's payer); 409 names the owner otherwise")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/close", PostClose)
            .WithSummary("Closes the lead as lost or invalid with a reason (and an analysis when lost), freeing the designer's slot")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/measurement", PostMeasurement)
            .WithSummary("Records the measurement (量房) and the fee collected, if any")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/fee-handed", PostFeeHanded)
            .WithSummary("Records that the measurement fee was handed to finance")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/key-follow-up", PostKeyFollowUp)
            .WithSummary("Marks or unmarks the lead for key follow-up (重点追踪, rose red)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPost("/{leadId}/follow-ups", PostFollowUp)
            .WithSummary("Records a follow-up or callback (the holding designer, or the store's managers)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<LeadView>> GetLead(string leadId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var lead = await FindLeadAsync(grains, leadId);

        // An unclaimed pool lead belongs to no store yet: any staff may look (masked unless HQ), as in the pool list.
        if (lead.StoreId is not null)
        {
            user.EnsureStore(lead.StoreId);
        }

        // Full details (name, phone, address) are audited before they leave; a masked view is not a read of them.
        if (user.CanSeeLeadDetails(lead.StoreId, lead.DesignerId))
        {
            await AuditApi.RecordReadAsync(http, grains, lead.CustomerId, "lead", leadId, lead.StoreId);
        }

        return TypedResults.Ok(lead.For(user));
    }

    private static async Task<Ok<DispatchResponse>> GetSuggestion(string leadId, string? managerId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var lead = await FindLeadAsync(grains, leadId);
        var storeId = StoreOf(lead);
        user.EnsureRole(storeId, Access.LeadWork);
        var manager = DispatchingManager(user, lead, managerId);
        var outcome = await grains.GetGrain<IStoreGrain>(storeId).SuggestDispatchAsync(leadId, manager);
        return TypedResults.Ok(DispatchResponse.From(outcome));
    }

    private static async Task<Results<Ok<DispatchResponse>, ProblemHttpResult>> PostDispatch(string leadId, DispatchRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var lead = await FindLeadAsync(grains, leadId);
        var storeId = StoreOf(lead);
        user.EnsureRole(storeId, Access.LeadWork);
        EnsureLeadsManager(user, lead);
        var manager = DispatchingManager(user, lead, body.ManagerId);
        user.EnsureSelfWhenManager(manager);
        if (body.DesignerId is not null && string.IsNullOrWhiteSpace(body.Reason))
        {
            // The rulebook: a manual override must carry a reason and be visible as an override.
            throw CrmException.Invalid("reason", "A dispatch to a named designer is an override and needs a reason.");
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var outcome = await Commands.RunAsync(http, "dispatch", leadId, storeId, body.CommandId, id => store.DispatchAsync(new DispatchCommand(leadId, manager, body.DesignerId, body.Reason?.Trim(), user.UserId), id));
        return DispatchResult(outcome);
    }

    private static async Task<Ok<DispatchResponse>> PostRefuse(string leadId, RefuseRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var lead = await FindLeadAsync(grains, leadId);
        var storeId = StoreOf(lead);
        var designerId = body.DesignerId ?? (user.Role == CrmRoles.Designer ? user.UserId : lead.DesignerId)
            ?? throw CrmException.Invalid("designerId", "The lead is not held by a designer; name the refusing designer.");
        if (user.Role == CrmRoles.Designer)
        {
            EnsureHolder(user, lead, storeId);
            if (designerId != user.UserId)
            {
                throw new AccessDeniedException($"Designer '{user.UserId}' may not refuse on behalf of '{designerId}'.");
            }
        }
        else
        {
            user.EnsureRole(storeId, Access.LeadWork);
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var outcome = await Commands.RunAsync(http, "refuse", leadId, storeId, body.CommandId, id => store.RefuseAsync(leadId, designerId, body.Reason.Trim(), id));
        return TypedResults.Ok(DispatchResponse.From(outcome));
    }

    private static async Task<Results<Ok<SigningResponse>, ProblemHttpResult>> PostDeposit(string leadId, DepositRequest body, HttpContext http, IGrainFactory grains)
    {
        var store = await StoreForWorkAsync(http, grains, leadId);
        var outcome = await Commands.RunAsync(http, "deposit", leadId, store.GetPrimaryKeyString(), body.CommandId, id => store.RecordDepositAsync(leadId, new RecordDeposit(body.Amount!.Value, body.PayerName.Trim()), id));
        return SigningResult(outcome);
    }

    private static async Task<Results<Ok<SigningResponse>, ProblemHttpResult>> PostContract(string leadId, ContractRequest body, HttpContext http, IGrainFactory grains)
    {
        var store = await StoreForWorkAsync(http, grains, leadId);
        var outcome = await Commands.RunAsync(http, "contract", leadId, store.GetPrimaryKeyString(), body.CommandId, id => store.RecordContractAsync(leadId, new RecordContract(body.Amount!.Value, body.SignerName.Trim()), id));
        return SigningResult(outcome);
    }

    private static async Task<Ok<LeadView>> PostClose(string leadId, CloseRequest body, HttpContext http, IGrainFactory grains)
    {
        if (body.Reason?.Trim() is { } reason && CloseReasons.DepositEnding.Contains(reason))
        {
            return await EndDepositAsync(leadId, body, reason, http, grains);
        }

        var store = await StoreForWorkAsync(http, grains, leadId);
        var lead = await Commands.RunAsync(http, "close", leadId, store.GetPrimaryKeyString(), body.CommandId, id => store.CloseLeadAsync(leadId, new CloseLead(body.Outcome!.Value, body.Reason, body.Analysis, body.Note?.Trim(), http.Staff().UserId), id));
        return TypedResults.Ok(lead.For(http.Staff()));
    }

    /// <summary>
    /// A lead holding a deposit ends only by refund or forfeit, decided by the store's supervisor or HQ: the lead's
    /// project releases the customer (DOMAIN §5), the slot is freed.
    /// </summary>
    private static async Task<Ok<LeadView>> EndDepositAsync(string leadId, CloseRequest body, string reason, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var lead = await FindLeadAsync(grains, leadId);
        var storeId = StoreOf(lead);
        user.EnsureRole(storeId, Access.Ownership);
        if (body.Outcome != LeadOutcome.Lost)
        {
            throw CrmException.Invalid("outcome", $"A {reason} close is an outcome of lost: use lost.");
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var closed = await Commands.RunAsync(http, "close", leadId, storeId, body.CommandId, id => store.EndDepositAsync(leadId, reason, body.Note?.Trim(), user.UserId, id));
        return TypedResults.Ok(closed.For(user));
    }

    private static async Task<Ok<LeadView>> PostMeasurement(string leadId, MeasurementRequest body, HttpContext http, IGrainFactory grains)
    {
        var store = await StoreForWorkAsync(http, grains, leadId);
        var lead = await Commands.RunAsync(http, "measurement", leadId, store.GetPrimaryKeyString(), body.CommandId, id => store.RecordMeasurementAsync(leadId, body.Fee, id));
        return TypedResults.Ok(lead.For(http.Staff()));
    }

    private static async Task<Ok<LeadView>> PostFeeHanded(string leadId, CommandRequest body, HttpContext http, IGrainFactory grains)
    {
        var store = await StoreForWorkAsync(http, grains, leadId);
        var lead = await Commands.RunAsync(http, "fee-handed", leadId, store.GetPrimaryKeyString(), body.CommandId, id => store.HandFeeToFinanceAsync(leadId, id));
        return TypedResults.Ok(lead.For(http.Staff()));
    }

    private static async Task<Ok<LeadView>> PostKeyFollowUp(string leadId, KeyFollowUpRequest body, HttpContext http, IGrainFactory grains)
    {
        var store = await StoreForWorkAsync(http, grains, leadId);
        var lead = await Commands.RunAsync(http, "key-follow-up", leadId, store.GetPrimaryKeyString(), body.CommandId, id => store.SetKeyFollowUpAsync(leadId, body.On!.Value, id));
        return TypedResults.Ok(lead.For(http.Staff()));
    }

    private static async Task<Ok<LeadView>> PostFollowUp(string leadId, FollowUpRequest body, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var found = await FindLeadAsync(grains, leadId);
        var storeId = StoreOf(found);
        if (user.Role == CrmRoles.Designer)
        {
            EnsureHolder(user, found, storeId);
        }
        else
        {
            user.EnsureRole(storeId, Access.LeadWork);
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var lead = await Commands.RunAsync(http, "follow-up", leadId, storeId, body.CommandId, id => store.RecordFollowUpAsync(leadId, user.UserId, body.Note.Trim(), id));
        return TypedResults.Ok(lead.For(user));
    }

    /// <summary>The lead, or 404.</summary>
    public static async Task<LeadView> FindLeadAsync(IGrainFactory grains, string leadId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return await grains.FindAsync(leadId)
            ?? throw CrmException.NotFound("leadId", $"Lead '{leadId}' does not exist.");
    }

    /// <summary>The store deciding the lead's changes; a pool lead has none until claimed (409).</summary>
    public static string StoreOf(LeadView lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead.StoreId ?? throw CrmException.Conflict("leadId", $"Lead '{lead.LeadId}' is in the chain's pool: a manager must claim it first.");
    }

    private static async Task<IStoreGrain> StoreForWorkAsync(HttpContext http, IGrainFactory grains, string leadId)
    {
        var lead = await FindLeadAsync(grains, leadId);
        var storeId = StoreOf(lead);
        http.Staff().EnsureRole(storeId, Access.LeadWork);
        return grains.GetGrain<IStoreGrain>(storeId);
    }

    private static void EnsureHolder(StaffUser user, LeadView lead, string storeId)
    {
        user.EnsureStore(storeId);
        if (lead.DesignerId != user.UserId)
        {
            throw new AccessDeniedException($"Designer '{user.UserId}' does not hold lead '{lead.LeadId}'.");
        }
    }

    /// <summary>
    /// Only the lead's own manager (the one it was handed to or who claimed it), the store's supervisor or HQ dispatch it
    /// (DOMAIN §4): another manager is refused, told whose lead it is. A lead nobody was handed (no manager on duty) is
    /// any of the store's managers' to take.
    /// </summary>
    private static void EnsureLeadsManager(StaffUser user, LeadView lead)
    {
        if (user.Role == CrmRoles.Manager && lead.ManagerId is { } owner && !string.Equals(owner, user.UserId, StringComparison.Ordinal))
        {
            throw new AccessDeniedException(
                $"Lead '{lead.LeadId}' is manager '{owner}''s lead: only its manager, the store supervisor or HQ may dispatch it.",
                new Dictionary<string, object?> { ["leadId"] = lead.LeadId, ["managerId"] = owner, ["storeId"] = lead.StoreId });
        }
    }

    private static string DispatchingManager(StaffUser user, LeadView lead, string? requested)
    {
        if (requested is not null && !CrmIdAttribute.IsValidId(requested))
        {
            throw CrmException.Invalid("managerId", CrmIdAttribute.Reason("managerId"));
        }

        return requested
            ?? (user.Role == CrmRoles.Manager ? user.UserId : lead.ManagerId)
            ?? throw CrmException.Invalid("managerId", "The managerId field is required: the lead has no manager yet.");
    }

    private static Results<Ok<DispatchResponse>, ProblemHttpResult> DispatchResult(DispatchOutcome outcome)
    {
        if (outcome.Result == DispatchOutcome.Dispatched)
        {
            return TypedResults.Ok(DispatchResponse.From(outcome));
        }

        var title = outcome.Result == DispatchOutcome.Queued ? "Nobody eligible: the lead is queued" : "Dispatch refused";
        return ApiSetup.Problem(StatusCodes.Status409Conflict, title, outcome.Summary, new Dictionary<string, object?>
        {
            ["result"] = outcome.Result,
            ["leadId"] = outcome.LeadId,
            ["designerId"] = outcome.DesignerId,
            ["override"] = outcome.Override,
            ["summary"] = outcome.Summary,
            ["explanation"] = outcome.Explanation,
        });
    }

    private static Results<Ok<SigningResponse>, ProblemHttpResult> SigningResult(SigningOutcome outcome)
    {
        if (outcome.Accepted)
        {
            return TypedResults.Ok(SigningResponse.From(outcome));
        }

        return ApiSetup.Problem(StatusCodes.Status409Conflict, "The customer is owned by another lead", outcome.Message, new Dictionary<string, object?>
        {
            ["accepted"] = false,
            ["leadId"] = outcome.LeadId,
            ["owner"] = outcome.Owner,
            ["message"] = outcome.Message,
        });
    }
}
