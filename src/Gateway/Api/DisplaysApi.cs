using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Displays;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Wall-display pairing (issue 16): HQ or the store's supervisor opens a six-digit code; the TV claims it without a
/// sign-in and gets a credential for that store's board and hub only; HQ and supervisors list and revoke displays.
/// </summary>
public static partial class DisplaysApi
{
    /// <summary>Maps the pairing, claim, list, revoke and "who am I" routes.</summary>
    public static IEndpointRouteBuilder MapDisplaysApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/stores").RequireAuthorization(CrmPolicies.Staff).WithTags("Displays")
            .MapPost("/{storeId}/display-pairings", OpenPairing)
            .WithSummary("Opens a six-digit pairing code for a wall display of the store, single use, valid Displays:PairingCodeValidity (10 min) (hq, the store's supervisor)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGroup("/display-pairings").AllowAnonymous().WithTags("Displays")
            .MapPost("/{code}/claim", Claim)
            .RequireRateLimiting(RateLimits.DisplayClaims)
            .WithSummary("Pairs a wall display with the code (no sign-in): the credential is a bearer token for the store's board and hub only; 404 unknown code, 410 expired or used code, 429 too many attempts from this address")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var displays = api.MapGroup("/displays").RequireAuthorization(CrmPolicies.Staff).WithTags("Displays")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        displays.MapGet("/", List)
            .WithSummary("The paired displays of a store (hq: every store when storeId is left out; a supervisor: their store)")
            .ProducesValidationProblem();
        displays.MapDelete("/{displayId}", Revoke)
            .WithSummary("Revokes a display: its hub connection is closed and its credential refused (401) from then on (hq, the store's supervisor)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The display itself: which store and name its credential stands for (and whether it still works: 401 once revoked).
        api.MapGroup("/displays").RequireAuthorization(CrmPolicies.Board).WithTags("Displays")
            .MapGet("/me", Me)
            .WithSummary("The calling wall display (display credentials only)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Created<DisplayPairingResponse>> OpenPairing(string storeId, HttpContext http, IGrainFactory grains, IOptions<DisplayOptions> options)
    {
        var user = http.Staff();
        user.EnsureRole(storeId, Access.Setup);
        if (await grains.GetGrain<IStoreGrain>(storeId).GetAsync() is null)
        {
            throw CrmException.NotFound("storeId", $"Store '{storeId}' does not exist.");
        }

        var pairing = await grains.GetGrain<IDisplayRegistryGrain>(0).OpenPairingAsync(storeId, user.UserId, options.Value.PairingCodeValidity);
        return TypedResults.Created((string?)null, new DisplayPairingResponse(pairing.Code, pairing.ExpiresAt, pairing.StoreId));
    }

    private static async Task<Results<Created<DisplayClaimResponse>, ProblemHttpResult>> Claim(string code, DisplayClaimRequest body, IGrainFactory grains)
    {
        if (!CodePattern().IsMatch(code))
        {
            throw CrmException.Invalid("code", "The code field must be the six digits shown on the console.");
        }

        var secret = DisplayCredentials.NewSecret(out var hash);
        var claim = await grains.GetGrain<IDisplayRegistryGrain>(0).ClaimAsync(code, body.DeviceName.Trim(), hash);
        return claim.Outcome switch
        {
            DisplayClaimOutcome.Claimed => TypedResults.Created(
                $"/api/displays/{claim.DisplayId}",
                new DisplayClaimResponse(claim.DisplayId!, DisplayCredentials.Format(claim.DisplayId!, secret), claim.StoreId!)),
            DisplayClaimOutcome.Expired => Gone($"Pairing code {code} expired at {claim.ExpiredAt:O}; open a new one on the console."),
            DisplayClaimOutcome.Used => Gone($"Pairing code {code} has already been used (codes pair one display once); open a new one on the console."),
            _ => throw CrmException.NotFound("code", $"No pairing code {code}: check the digits, or open a new code on the console."),
        };
    }

    private static async Task<Ok<DisplayListResponse>> List(string? storeId, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Access.Setup);
        if (storeId is not null && !CrmIdAttribute.IsValidId(storeId))
        {
            throw CrmException.Invalid("storeId", CrmIdAttribute.Reason("storeId"));
        }

        // A supervisor sees their own store whether or not they name it; only HQ lists the whole chain.
        storeId ??= user.IsHq ? null : user.StoreId;
        user.EnsureStore(storeId);
        var displays = await grains.GetGrain<IDisplayRegistryGrain>(0).ListAsync(storeId);
        return TypedResults.Ok(new DisplayListResponse(storeId, displays));
    }

    private static async Task<Ok<DisplayView>> Revoke(string displayId, HttpContext http, IGrainFactory grains, DisplayCredentialCache credentials, DisplayConnections connections)
    {
        var user = http.Staff();
        user.EnsureRole(Access.Setup);
        var registry = grains.GetGrain<IDisplayRegistryGrain>(0);
        var display = await registry.GetAsync(displayId) ?? throw CrmException.NotFound("displayId", $"No display '{displayId}'.");
        user.EnsureStore(display.StoreId);
        var revoked = await registry.RevokeAsync(displayId, user.UserId) ?? throw CrmException.NotFound("displayId", $"No display '{displayId}'.");

        // This process forgets and closes at once; the other gateway processes within their cache and re-check intervals.
        credentials.Forget(displayId);
        connections.Abort(displayId);
        return TypedResults.Ok(revoked);
    }

    private static async Task<Ok<DisplayView>> Me(HttpContext http, IGrainFactory grains)
    {
        if (http.User.FindFirst(DisplayCredentials.DisplayIdClaim)?.Value is not { } displayId)
        {
            throw new AccessDeniedException("Only a paired wall display may ask who it is.");
        }

        var display = await grains.GetGrain<IDisplayRegistryGrain>(0).GetAsync(displayId) ?? throw CrmException.NotFound("displayId", $"No display '{displayId}'.");
        return TypedResults.Ok(display);
    }

    private static ProblemHttpResult Gone(string reason) =>
        TypedResults.Problem(ApiExceptionHandler.FieldProblem(StatusCodes.Status410Gone, "Pairing code no longer valid", "code", reason));

    [GeneratedRegex("^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
