using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// A lead's page (issue 15): the lead (as <c>GET /api/leads/{leadId}</c> shows it, masked and audited alike), its
/// history as one timeline — registration, claims, every dispatch with its explanation in names, refusals and fault
/// slips, measurement, deposit and contract, follow-ups, tasks, conflicts with another store's lead, the close — from
/// the lead's state plus the journal, and the actions the caller may take now (<see cref="LeadActions"/>).
/// </summary>
public static class LeadTimelineApi
{
    /// <summary>Maps <c>/api/leads/{leadId}/timeline</c>.</summary>
    public static IEndpointRouteBuilder MapLeadTimelineApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var leads = api.MapGroup("/leads").RequireAuthorization(CrmPolicies.Staff).WithTags("Leads")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        leads.MapGet("/{leadId}/timeline", GetTimeline)
            .WithSummary("The lead's page: the lead (masked unless the caller may see it; full details are audited), the people in names, the actions the caller may take now, and its history as one timeline; rate-limited per user (429)")
            .RequireRateLimiting(RateLimits.Lookups)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Ok<LeadTimelineResponse>> GetTimeline(string leadId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        var lead = await LeadsApi.FindLeadAsync(grains, leadId);
        if (lead.StoreId is not null)
        {
            user.EnsureStore(lead.StoreId);
        }

        if (user.CanSeeLeadDetails(lead.StoreId, lead.DesignerId))
        {
            await AuditApi.RecordReadAsync(http, grains, lead.CustomerId, "lead", leadId, lead.StoreId);
        }

        var shown = lead.For(user);
        var history = lead.StoreId is { } storeId ? await grains.GetGrain<IReportsGrain>(0).GetLeadHistoryAsync(storeId, leadId) : [];
        var names = StaffNames.Of(lead.StoreId is { } store ? await grains.GetGrain<IStoreGrain>(store).GetBoardAsync() : null);
        var measured = history.Any(h => h.Kind == Grains.Journal.JournalKinds.LeadMeasured);
        return TypedResults.Ok(new LeadTimelineResponse(
            shown, names.Name(lead.ManagerId), names.Name(lead.DesignerId),
            LeadActions.For(user, lead, measured),
            Timeline(shown, history, names)));
    }

    /// <summary>The lead's moments, oldest first (a moment the journal and the lead's state both know is told once).</summary>
    public static IReadOnlyList<TimelineEntry> Timeline(LeadView lead, IReadOnlyList<LeadHistoryEntry> history, StaffNames names)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(names);
        var entries = new List<TimelineEntry>
        {
            Entry(lead.RegisteredAt, "registered", "登记来访 Registered",
                $"No. {lead.RunningNumber} {lead.Name} {lead.Phone} · {lead.Channel}" +
                (lead.ManagerId is null ? " · 待分配 unassigned" : $" · 经理 manager {names.Name(lead.ManagerId)}") +
                (lead.LateEntry ? $" · 补录 late entry ({lead.PaperNumber})" : string.Empty)),
        };

        foreach (var d in lead.Dispatches)
        {
            var how = (d.Override ? " · 改派 override: " + d.Reason : string.Empty) + (d.CrossGroup ? " · 跨组 cross-group" : string.Empty)
                + (d.ReturnCustomer ? " · 回头客 return customer" : string.Empty);
            entries.Add(new TimelineEntry(d.At, "dispatched", "派单 Dispatched",
                $"→ {names.Name(d.DesignerId)}{how} — {names.Words(d.Summary)}", names.Name(d.ManagerId),
                [.. d.Explanation.Select(x => $"{(string.Equals(x.Outcome, "Chosen", StringComparison.OrdinalIgnoreCase) ? "✔" : "·")} {names.Words(x.Reason)}")]));
        }

        foreach (var h in history)
        {
            var by = names.Name(h.ByUserId);
            TimelineEntry? entry = h.Kind switch
            {
                "lead-claimed" => new(h.At, "claimed", "公海认领 Claimed from the pool", $"{names.Name(h.ManagerId)} · {h.Detail}", by, []),
                "lead-refused" => new(h.At, "refused", "拒单 Refused", $"{names.Name(h.DesignerId)}: {h.Detail}", by, []),
                "fault-slip" => new(h.At, "fault-slip", "一般过失单 Fault slip", $"{names.Name(h.ManagerId)} → {names.Name(h.DesignerId)}: {names.Words(h.Detail)}", by, []),
                "lead-measured" => new(h.At, "measured", "已量房 Measured", h.Amount is { } fee ? $"量房费 fee ¥{fee.ToString(CultureInfo.InvariantCulture)}" : "无量房费 no fee", by, []),
                "key-follow-up" => new(h.At, "key-follow-up", h.Detail == "on" ? "重点追踪 Key follow-up" : "取消重点追踪 Key follow-up ended", string.Empty, by, []),
                "lead-reassigned" => new(h.At, "reassigned", "离职/调动转交 Handed over",
                    $"{h.Detail} → {names.Name(h.DesignerId ?? h.ManagerId)}", by, []),
                _ => null,
            };
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        if (lead.MeasurementFee is { HandedAt: { } handedAt } handed)
        {
            entries.Add(Entry(handedAt, "fee-handed", "量房费交财务 Fee to finance", $"¥{handed.Amount.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (lead.Deposit is { } deposit)
        {
            entries.Add(Entry(deposit.At, "deposit", "定金 Deposit", $"¥{deposit.Amount.ToString(CultureInfo.InvariantCulture)} · {deposit.Name}"));
        }

        if (lead.Contract is { } contract)
        {
            entries.Add(Entry(contract.At, "contract", "签单 Contract", $"¥{contract.Amount.ToString(CultureInfo.InvariantCulture)} · {contract.Name}"));
        }

        entries.AddRange(lead.FollowUps.Select(f => new TimelineEntry(f.At, "follow-up", "回访 Follow-up", f.Note, names.Name(f.ByUserId), [])));
        entries.AddRange(lead.Tasks.Select(t => new TimelineEntry(t.DueAt, "task", $"任务 Task: {t.Kind}",
            $"{names.Name(t.AssigneeId)} · 到期 due · {t.State}{(t.ClosedBy is null ? string.Empty : " · " + names.Name(t.ClosedBy))}", null, [])));
        entries.AddRange(lead.Conflicts.Select(c => new TimelineEntry(c.At, "conflict", "撞单 Conflict",
            $"{c.Kind}: {c.StoreId} {c.LeadId} ({c.ManagerId ?? "—"} / {c.DesignerId ?? "—"})", null, [])));
        if (lead.ClosedAt is { } closedAt && lead.Contract is null)
        {
            var owner = lead.OwnedBy is { } o ? $" → {o.StoreId} / {o.ManagerId ?? "—"} / {o.DesignerId ?? "—"}" : string.Empty;
            entries.Add(Entry(closedAt, "closed", "关闭 Closed", $"{lead.Status} · {lead.CloseReason}{(lead.Analysis is null ? string.Empty : " — " + lead.Analysis)}{owner}"));
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    private static TimelineEntry Entry(DateTimeOffset at, string kind, string title, string detail) => new(at, kind, title, detail, null, []);
}
