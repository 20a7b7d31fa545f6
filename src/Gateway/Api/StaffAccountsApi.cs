using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Auth.Accounts;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// <c>POST /api/staff</c> (issue 16): HQ, or a store's supervisor for their store, creates a person's built-in account
/// and places them in the store (managers and designers through the store grain). Leaving and transfers are not here.
/// </summary>
public static class StaffAccountsApi
{
    /// <summary>Roles a supervisor may create in their own store; HQ may create every role but display.</summary>
    public static readonly string[] SupervisorMayCreate = [CrmRoles.Manager, CrmRoles.Designer, CrmRoles.FrontDesk, CrmRoles.Service, CrmRoles.ProjectManager];

    /// <summary>Maps <c>/api/staff</c>.</summary>
    public static IEndpointRouteBuilder MapStaffAccountsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var staff = api.MapGroup("/staff").RequireAuthorization(CrmPolicies.Staff).WithTags("Staff")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", Create)
            .WithSummary("Creates a staff account with role and store and places managers (a new group) and designers (a manager's group, rank, grade) in the store; hq, or the store's supervisor; the person sets their own password at first sign-in")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/{userId}", Get)
            .WithSummary("A staff account (hq, or staff of its store)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Created<StaffAccountResponse>> Create(
        StaffRequest body, HttpContext http, IGrainFactory grains, UserManager<StaffAccount> users, IOptions<CrmAccountOptions> options)
    {
        var user = http.Staff();
        user.EnsureRole([CrmRoles.Hq, CrmRoles.Supervisor]);
        var role = body.Role.Trim().ToLowerInvariant();
        var creatable = user.IsHq ? CrmPolicies.StaffRoles : SupervisorMayCreate;
        if (!creatable.Contains(role))
        {
            if (CrmPolicies.StaffRoles.Contains(role))
            {
                throw new AccessDeniedException($"A {user.Role} may not create {role} accounts (allowed: {string.Join(", ", creatable)}).");
            }

            throw CrmException.Invalid("role", $"Unknown role '{body.Role}'; one of {string.Join(", ", CrmPolicies.StaffRoles)} (wall displays are paired, not created).");
        }

        var storeId = body.StoreId;
        if (role == CrmRoles.Hq)
        {
            storeId = null;
        }
        else if (storeId is null && !CrmRoles.ChainWide.Contains(role))
        {
            throw CrmException.Invalid("storeId", $"The storeId field is required for the {role} role (only {string.Join(" and ", CrmRoles.ChainWide)} span stores).");
        }

        user.EnsureStore(storeId);
        if (role == CrmRoles.Designer && body.GroupManagerId is null)
        {
            throw CrmException.Invalid("groupManagerId", "A designer joins an account manager's group: groupManagerId is required.");
        }

        if (role != CrmRoles.Designer && (body.GroupManagerId ?? (object?)body.Rank ?? body.Grade ?? (object?)body.Level) is not null)
        {
            throw CrmException.Invalid(
                body.GroupManagerId is not null ? "groupManagerId" : body.Rank is not null ? "rank" : body.Grade is not null ? "grade" : "level",
                "groupManagerId, rank, grade and level are for designers only.");
        }

        if (!options.Value.IsBuiltin)
        {
            throw CrmException.Conflict("role", "Auth:Accounts is oidc: people are created in the chain's identity provider, not here.");
        }

        // Everything that can be refused is checked before anything changes: the id is free and the password acceptable.
        if (await users.FindByNameAsync(body.UserId) is not null)
        {
            throw CrmException.Conflict("userId", $"An account '{body.UserId}' already exists.");
        }

        var account = new StaffAccount
        {
            UserName = body.UserId,
            Name = body.Name.Trim(),
            Role = role,
            StoreId = storeId,
            PasswordChangeRequired = true,
        };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, account, body.InitialPassword);
            if (!check.Succeeded)
            {
                throw CrmException.Invalid("initialPassword", string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        DesignerView? designer = null;
        if (role is CrmRoles.Manager or CrmRoles.Designer)
        {
            var store = grains.GetGrain<IStoreGrain>(storeId!);
            await store.PlaceStaffAsync(new StaffPlacement(body.UserId, account.Name, role, body.GroupManagerId, body.Level, body.Rank, body.Grade));
            designer = role == CrmRoles.Designer ? await store.GetDesignerAsync(body.UserId) : null;
        }

        var created = await users.CreateAsync(account, body.InitialPassword);
        if (!created.Succeeded)
        {
            // Only a race with another request for the same id gets here (the id was free a moment ago).
            throw CrmException.Conflict("userId", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        return TypedResults.Created($"/api/staff/{account.UserName}", Response(account, designer, role == CrmRoles.Manager ? account.UserName : null));
    }

    private static async Task<Ok<StaffAccountResponse>> Get(string userId, HttpContext http, UserManager<StaffAccount> users, IGrainFactory grains)
    {
        var account = await users.FindByNameAsync(userId) ?? throw CrmException.NotFound("userId", $"No account '{userId}'.");
        var user = http.Staff();
        if (!(user.UserId == account.UserName || (account.StoreId is null ? user.IsHq : user.CanSeeStore(account.StoreId))))
        {
            throw new AccessDeniedException($"Staff of store '{user.StoreId}' may not read this account.");
        }

        var designer = account.Role == CrmRoles.Designer && account.StoreId is not null
            ? await grains.GetGrain<IStoreGrain>(account.StoreId).GetDesignerAsync(account.UserName!)
            : null;
        return TypedResults.Ok(Response(account, designer, account.Role == CrmRoles.Manager ? account.UserName : null));
    }

    private static StaffAccountResponse Response(StaffAccount account, DesignerView? designer, string? managerGroup) => new(
        account.UserName!,
        account.Name,
        account.Role,
        account.StoreId,
        designer?.ManagerId ?? managerGroup,
        designer?.Rank,
        designer is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(designer.Grade.ToString()),
        account.PasswordChangeRequired);
}
