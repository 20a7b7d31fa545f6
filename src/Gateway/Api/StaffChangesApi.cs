using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Auth.Accounts;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// People leaving (离职) and moving (调店/调组), issue 16: <c>POST /api/staff/{userId}/leave</c> and
/// <c>/transfer</c>, for HQ or the supervisor of the person's store. The person's store grain hands their work over and
/// takes them out (one decider); the gateway then changes the account (the Identity store is the gateway's) and, for a
/// move to another store, places them there. Every step is idempotent under the client's command id, so a retry after a
/// crash between the steps completes the move and changes nothing twice.
/// </summary>
public static class StaffChangesApi
{
    /// <summary>Maps the routes under <c>/api/staff</c>.</summary>
    public static IEndpointRouteBuilder MapStaffChangesApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var staff = api.MapGroup("/staff").RequireAuthorization(CrmPolicies.Staff).WithTags("Staff")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        staff.MapPost("/{userId}/leave", Leave)
            .WithSummary("A person leaves (离职), hq or the supervisor of their store: a designer's open leads go back to dispatch by the rules (or the queue), a manager's leads, tasks, pool claims and group to reassignTo; they leave the rotation; their tokens stop working at once");
        staff.MapPost("/{userId}/transfer", Transfer)
            .WithSummary("A person moves to another store (调店), or a designer to another group of their store (调组), hq or the supervisor of their current store: their work is handed over as for leaving, then they join the target store (designers: groupManagerId's group); tokens naming the old store stop working");
        return api;
    }

    private static async Task<Ok<StaffChangeResponse>> Leave(
        string userId, StaffLeaveRequest body, HttpContext http, IGrainFactory grains, UserManager<StaffAccount> users, StaffStatusCache status,
        StaffConnections connections)
    {
        var caller = http.Staff();
        caller.EnsureRole(Access.Setup);
        var effective = ApiDates.Parse(body.Effective, "effective");
        var person = await FindAsync(userId, grains, users);
        EnsureMayChange(caller, person);
        StaffChangeResponse answer;
        string? commandKey = null;
        if (person.GrainStore is { } storeId)
        {
            var released = await GoneMeanwhile(storeId, userId, Commands.RunAsync(http, "staff-leave", userId, storeId, body.CommandId, id =>
            {
                commandKey = StaffDeparture.KeyOf(id);
                return grains.GetGrain<IStoreGrain>(storeId).ReleaseStaffAsync(new StaffRelease(userId, StaffRelease.Leave, effective, body.ReassignTo, By: caller.UserId), id);
            }));
            answer = Answer(released, null, null);
        }
        else if (await ReplayAsync(http, "staff-leave", person, body.CommandId, new StaffRelease(userId, StaffRelease.Leave, effective, body.ReassignTo, By: caller.UserId), grains) is { } replayed)
        {
            commandKey = replayed.Key;
            answer = Answer(replayed.Released, null, null);
        }
        else if (person.Account is { } account)
        {
            // A person outside the store grains (front desk, service, project manager, supervisor, or a designer or manager
            // who already left): only the account records the departure.
            commandKey = await Commands.RunAsync(http, "staff-leave", userId, account.StoreId, body.CommandId, id => Task.FromResult(StaffDeparture.KeyOf(id)));
            if (await StaffDeparture.ReadAsync(users, account, StaffDeparture.ClaimType) is { } mark)
            {
                if (mark[0] != commandKey)
                {
                    throw CrmException.Conflict("userId", $"{userId} has already left (effective {mark[1]}).");
                }

                effective = ApiDates.Parse(mark[1], "effective");
            }

            answer = new StaffChangeResponse(userId, account.Name, account.Role, StaffRelease.Leave, account.StoreId, null, null, ApiDates.Write(effective), [], 0, [], [], 0);
        }
        else
        {
            throw CrmException.Conflict("userId", $"{userId} is in no store any more.");
        }

        if (person.Account is { } departing && commandKey is not null)
        {
            await StaffDeparture.MarkDepartedAsync(users, departing, commandKey, effective, answer.FromStoreId);
        }

        status.Forget(userId);

        // Their live boards here close now (the other gateways' within Auth:StaffStatus:ConnectionRecheckInterval).
        await connections.RecheckAsync(userId, http.RequestServices, http.RequestAborted);
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<StaffChangeResponse>> Transfer(
        string userId, StaffTransferRequest body, HttpContext http, IGrainFactory grains, UserManager<StaffAccount> users, StaffStatusCache status, TimeProvider time,
        StaffConnections connections)
    {
        var caller = http.Staff();
        caller.EnsureRole(Access.Setup);
        var person = await FindAsync(userId, grains, users);
        EnsureMayChange(caller, person);
        if (person.Account is { } gone && await StaffDeparture.ReadAsync(users, gone, StaffDeparture.ClaimType) is not null)
        {
            throw CrmException.Conflict("userId", $"{userId} has left the chain.");
        }

        if (person.Role is CrmRoles.Hq || (person.Role == CrmRoles.Service && person.StoreId is null))
        {
            throw CrmException.Invalid("userId", $"{userId} works for head office, not in a store.");
        }

        var target = await grains.GetGrain<IStoreGrain>(body.StoreId).GetAsync()
            ?? throw CrmException.NotFound("storeId", $"Store '{body.StoreId}' does not exist.");
        if (person.Role == CrmRoles.Designer)
        {
            if (body.GroupManagerId is null)
            {
                throw CrmException.Invalid("groupManagerId", "A designer joins an account manager's group: groupManagerId is required.");
            }

            if (!target.Groups.Any(g => g.ManagerId == body.GroupManagerId))
            {
                throw CrmException.NotFound(
                    "groupManagerId",
                    $"Store {body.StoreId} has no group of account manager '{body.GroupManagerId}' (groups: {string.Join(", ", target.Groups.Select(g => g.ManagerId))}).");
            }
        }
        else if (body.GroupManagerId is not null)
        {
            throw CrmException.Invalid("groupManagerId", "groupManagerId is for designers only.");
        }

        var today = ApiDates.Today(time, target.TimeZone);

        var release = new StaffRelease(userId, StaffRelease.Transfer, today, body.ReassignTo, body.StoreId, body.GroupManagerId, caller.UserId);
        StaffReleased? released = null;
        string? commandKey = null;

        // Already in the target store by this very command (a repeat after it completed): the old store answers again.
        if (person.GrainStore == body.StoreId && await ReplayAsync(http, "staff-transfer", person, body.CommandId, release, grains) is { } completed)
        {
            (released, commandKey) = (completed.Released, completed.Key);
        }

        // A designer moving between groups of their own store: the store decides it alone.
        else if (person.GrainStore == body.StoreId)
        {
            if (person.Role != CrmRoles.Designer)
            {
                throw CrmException.Invalid("storeId", $"{userId} already works in store {body.StoreId}.");
            }

            var moved = await Commands.RunAsync(http, "staff-transfer", userId, body.StoreId, body.CommandId, id =>
                grains.GetGrain<IStoreGrain>(body.StoreId).MoveDesignerAsync(userId, body.GroupManagerId!, caller.UserId, id));
            return TypedResults.Ok(new StaffChangeResponse(
                userId, moved.Name, CrmRoles.Designer, StaffRelease.Transfer, body.StoreId, body.StoreId, moved.ManagerId, ApiDates.Write(today), [], 0, [], [], 0));
        }

        else if (person.GrainStore is { } from)
        {
            // Step 1: the old store hands the work over and lets the person go (remembered under the command id).
            released = await GoneMeanwhile(from, userId, Commands.RunAsync(http, "staff-transfer", userId, from, body.CommandId, id =>
            {
                commandKey = StaffDeparture.KeyOf(id);
                return grains.GetGrain<IStoreGrain>(from).ReleaseStaffAsync(release, id);
            }));
        }
        else if (await ReplayAsync(http, "staff-transfer", person, body.CommandId, release, grains) is { } replayed)
        {
            // A repeat (or the retry after a crash between the steps): the old store answers as the first time.
            (released, commandKey) = (replayed.Released, replayed.Key);
        }
        else if (person.Role is CrmRoles.Designer or CrmRoles.Manager)
        {
            throw CrmException.Conflict("userId", $"{userId} is in no store any more.");
        }

        string name;
        string? fromStore;
        if (released is not null)
        {
            // Step 2: the account names the new store (tokens naming the old one stop working).
            if (person.Account is { } account)
            {
                await StaffDeparture.MarkTransferredAsync(users, account, commandKey!, released.Effective, released.StoreId, body.StoreId);
            }

            status.Forget(userId);

            // Step 3: the new store places them (placing the same person the same way again changes nothing).
            await grains.GetGrain<IStoreGrain>(body.StoreId).PlaceStaffAsync(new StaffPlacement(
                userId, released.Name, released.Role, body.GroupManagerId, released.Level, null, released.Grade));
            (name, fromStore) = (released.Name, released.StoreId);
        }
        else
        {
            // Front desk, service, project managers, supervisors: only the account moves.
            var account = person.Account!;
            commandKey = await Commands.RunAsync(http, "staff-transfer", userId, account.StoreId, body.CommandId, id => Task.FromResult(StaffDeparture.KeyOf(id)));
            fromStore = account.StoreId;
            if (await StaffDeparture.ReadAsync(users, account, StaffDeparture.TransferClaimType) is { } last && last[0] == commandKey)
            {
                fromStore = last[2].Length == 0 ? null : last[2];
                today = ApiDates.Parse(last[1], "effective");
            }
            else if (account.StoreId == body.StoreId)
            {
                throw CrmException.Invalid("storeId", $"{userId} already works in store {body.StoreId}.");
            }

            await StaffDeparture.MarkTransferredAsync(users, account, commandKey, today, fromStore, body.StoreId);
            status.Forget(userId);
            name = account.Name;
        }

        await connections.RecheckAsync(userId, http.RequestServices, http.RequestAborted);
        return TypedResults.Ok(new StaffChangeResponse(
            userId,
            name,
            person.Role,
            StaffRelease.Transfer,
            fromStore,
            body.StoreId,
            person.Role == CrmRoles.Manager ? userId : body.GroupManagerId,
            ApiDates.Write(released?.Effective ?? today),
            released?.Leads ?? [],
            released?.TasksMoved ?? 0,
            released?.DesignersMoved ?? [],
            [.. (released?.DutyDatesRemoved ?? []).Select(ApiDates.Write)],
            released?.ClaimsSettled ?? 0));
    }

    /// <summary>HQ anyone but HQ; a supervisor the roles they may create, in their own store.</summary>
    private static void EnsureMayChange(StaffUser caller, Person person)
    {
        if (caller.IsHq)
        {
            return;
        }

        if (!StaffAccountsApi.SupervisorMayCreate.Contains(person.Role))
        {
            throw new AccessDeniedException($"A {caller.Role} may not change {person.Role} accounts (allowed: {string.Join(", ", StaffAccountsApi.SupervisorMayCreate)}).");
        }

        caller.EnsureStore(person.StoreId);
    }

    /// <summary>
    /// A designer or manager no store holds now: the store they last left answers the command again if it was this
    /// command that took them out (a repeat); otherwise null.
    /// </summary>
    private static async Task<(StaffReleased Released, string Key)?> ReplayAsync(
        HttpContext http, string operation, Person person, string commandId, StaffRelease release, IGrainFactory grains)
    {
        if (person.LastStore is not { } last)
        {
            return null;
        }

        string? key = null;
        try
        {
            var released = await Commands.RunAsync(http, operation, person.UserId, last, commandId, id =>
            {
                key = StaffDeparture.KeyOf(id);
                return grains.GetGrain<IStoreGrain>(last).ReleaseStaffAsync(release, id);
            });
            return (released, key!);
        }
        catch (CrmException e) when (e.Kind is CrmErrorKind.NotFound or CrmErrorKind.Invalid)
        {
            // Not this command's first answer (the store refuses afresh: they are not there).
            return null;
        }
    }

    /// <summary>
    /// The store had the person a moment ago: if it no longer does, another leave or transfer took them out first (two
    /// supervisors at once) — a conflict, not an unknown person.
    /// </summary>
    private static async Task<StaffReleased> GoneMeanwhile(string storeId, string userId, Task<StaffReleased> release)
    {
        try
        {
            return await release;
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound && e.Field == "userId")
        {
            throw CrmException.Conflict("userId", $"{userId} has just left store {storeId} by another request.");
        }
    }

    private static StaffChangeResponse Answer(StaffReleased released, string? storeId, string? groupManagerId) => new(
        released.UserId,
        released.Name,
        released.Role,
        released.Kind,
        released.StoreId,
        storeId,
        groupManagerId,
        ApiDates.Write(released.Effective),
        released.Leads,
        released.TasksMoved,
        released.DesignersMoved,
        [.. released.DutyDatesRemoved.Select(ApiDates.Write)],
        released.ClaimsSettled);

    /// <summary>
    /// The person: a designer or manager in a store grain now (<see cref="Person.GrainStore"/>), or one who left one
    /// (<see cref="Person.LastStore"/>), and their built-in account if any; 404 when neither the stores nor the accounts know them.
    /// </summary>
    private static async Task<Person> FindAsync(string userId, IGrainFactory grains, UserManager<StaffAccount> users)
    {
        if (!Validation.CrmIdAttribute.IsValidId(userId))
        {
            throw CrmException.NotFound("userId", $"No staff member '{userId}'.");
        }

        var account = await users.FindByNameAsync(userId);
        var designer = grains.GetGrain<IDesignerGrain>(userId);
        var manager = grains.GetGrain<IAccountManagerGrain>(userId);
        if (await designer.GetStoreAsync() is { } designerStore)
        {
            return new Person(userId, CrmRoles.Designer, designerStore, designerStore, await designer.GetLastStoreAsync(), account);
        }

        if (await manager.GetStoreAsync() is { } managerStore)
        {
            return new Person(userId, CrmRoles.Manager, managerStore, managerStore, await manager.GetLastStoreAsync(), account);
        }

        var (role, last) = await designer.GetLastStoreAsync() is { } d ? (CrmRoles.Designer, d)
            : await manager.GetLastStoreAsync() is { } m ? (CrmRoles.Manager, m)
            : (account?.Role, (string?)null);
        return role is null
            ? throw CrmException.NotFound("userId", $"No staff member '{userId}'.")
            : new Person(userId, role, account?.StoreId ?? last, null, last, account);
    }

    /// <param name="StoreId">The store whose supervisor may change them (their store now, or the one they left).</param>
    /// <param name="GrainStore">The store grain that holds them now (designers and managers), else null.</param>
    /// <param name="LastStore">The store they last left (designers and managers), else null.</param>
    private sealed record Person(string UserId, string Role, string? StoreId, string? GrainStore, string? LastStore, StaffAccount? Account);
}
