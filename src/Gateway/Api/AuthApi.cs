using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orleans.Crm.Gateway.Api.Requests;
using Orleans.Crm.Gateway.Api.Responses;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Auth.Accounts;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Sign-in with built-in staff accounts (<c>Auth:Accounts</c> = builtin): a password for a token pair, refresh,
/// sign-out and the person's own password. With oidc the chain's provider issues tokens and these routes do not exist.
/// </summary>
public static class AuthApi
{
    /// <summary>Maps <c>/api/auth/…</c> when accounts are built in.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapGet("/config", Config)
            .AllowAnonymous()
            .WithSummary("How the pages sign in: accounts builtin or oidc (then the provider's authority, the pages' client id and scopes), and whether dev tokens are handed out");
        auth.MapGet("/me", Me).RequireAuthorization(CrmPolicies.Staff)
            .WithSummary("Who the bearer token says the caller is (user id, role, store), after the oidc claim mapping")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        if (!api.ServiceProvider.GetRequiredService<IOptions<CrmAccountOptions>>().Value.IsBuiltin)
        {
            return api;
        }

        auth.MapPost("/token", Token).AllowAnonymous()
            .WithSummary("Signs in with user id and password → access token, refresh token, expiresIn (s); 401 on a wrong password, 429 while the account is locked (after 5 wrong passwords in a row, 15 min)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", Refresh).AllowAnonymous()
            .WithSummary("A new token pair for a valid refresh token (401 when expired or revoked)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/sign-out", SignOut).AllowAnonymous()
            .WithSummary("Revokes the account's refresh tokens (every device); access tokens end with their short lifetime")
            .ProducesValidationProblem();
        auth.MapPost("/password", ChangePassword).RequireAuthorization(CrmPolicies.Account)
            .WithSummary("Sets one's own password (required at first sign-in) → a new token pair; other refresh tokens are revoked")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static Ok<AuthConfigResponse> Config(IOptions<CrmAccountOptions> accounts, IOptions<CrmAuthOptions> options)
    {
        var a = accounts.Value;
        return TypedResults.Ok(a.IsOidc
            ? new AuthConfigResponse(CrmAccountOptions.Oidc, options.Value.DevTokens) { Authority = a.Authority, ClientId = a.ClientId, Scopes = a.Scopes }
            : new AuthConfigResponse(CrmAccountOptions.Builtin, options.Value.DevTokens));
    }

    private static Ok<AuthMeResponse> Me(HttpContext http) =>
        TypedResults.Ok(new AuthMeResponse(
            http.User.FindFirst(CrmClaims.UserId)?.Value ?? "",
            http.User.FindFirst(CrmClaims.Role)?.Value ?? "",
            http.User.FindFirst(CrmClaims.StoreId)?.Value));

    private static async Task<Results<Ok<AuthTokenResponse>, ProblemHttpResult>> Token(
        TokenRequest body, HttpContext http, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, AccountTokens tokens, TimeProvider time)
    {
        var account = await users.FindByNameAsync(body.UserId.Trim());

        // A person who left (issue 16) signs in no more: answered like a wrong password.
        if (account is null || await StaffDeparture.ReadAsync(users, account, StaffDeparture.ClaimType) is not null)
        {
            return WrongPassword();
        }

        // Locked before this attempt: 429, whatever the password (checking it would tell a guesser when they are right).
        if (await users.IsLockedOutAsync(account))
        {
            return Locked(await users.GetLockoutEndDateAsync(account), time, http);
        }

        var result = await signIn.CheckPasswordSignInAsync(account, body.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // The attempt that locks the account is still a wrong password; the next one is answered 429.
            return WrongPassword();
        }

        return TypedResults.Ok(await tokens.IssueAsync(account));
    }

    private static async Task<Results<Ok<AuthTokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest body, AccountTokens tokens, UserManager<StaffAccount> users)
    {
        var account = await tokens.ReadRefreshTokenAsync(body.RefreshToken);
        if (account is null || await users.IsLockedOutAsync(account))
        {
            return Unauthorized("refreshToken", "The refresh token is expired, revoked or not one of ours: sign in again.");
        }

        return TypedResults.Ok(await tokens.IssueAsync(account));
    }

    private static async Task<NoContent> SignOut(RefreshRequest body, AccountTokens tokens, UserManager<StaffAccount> users)
    {
        // A new security stamp invalidates every refresh token the account holds. An unknown token: nothing to end.
        if (await tokens.ReadRefreshTokenAsync(body.RefreshToken) is { } account)
        {
            await users.UpdateSecurityStampAsync(account);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AuthTokenResponse>, ProblemHttpResult>> ChangePassword(
        PasswordChangeRequest body, HttpContext http, UserManager<StaffAccount> users, AccountTokens tokens)
    {
        var userId = http.User.FindFirst(CrmClaims.UserId)?.Value;
        var account = userId is null ? null : await users.FindByNameAsync(userId);
        if (account is null)
        {
            return Unauthorized(null, "The token belongs to no built-in account.");
        }

        if (body.NewPassword == body.CurrentPassword)
        {
            throw CrmException.Invalid("newPassword", "The new password must differ from the current one.");
        }

        var changed = await users.ChangePasswordAsync(account, body.CurrentPassword, body.NewPassword);
        if (!changed.Succeeded)
        {
            var mismatch = changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            throw CrmException.Invalid(
                mismatch ? "currentPassword" : "newPassword",
                string.Join(" ", changed.Errors.Select(e => e.Description)));
        }

        account.PasswordChangeRequired = false;
        await users.UpdateAsync(account);
        return TypedResults.Ok(await tokens.IssueAsync(account));
    }

    private static ProblemHttpResult WrongPassword() =>
        Unauthorized("password", "Wrong user id or password.");

    private static ProblemHttpResult Unauthorized(string? field, string detail) =>
        TypedResults.Problem(ApiExceptionHandler.FieldProblem(StatusCodes.Status401Unauthorized, "Unauthorized", field, detail));

    private static ProblemHttpResult Locked(DateTimeOffset? until, TimeProvider time, HttpContext http)
    {
        var end = until ?? time.GetUtcNow();
        var seconds = Math.Max(1, (int)Math.Ceiling((end - time.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = ApiExceptionHandler.FieldProblem(
            StatusCodes.Status429TooManyRequests,
            "Too many attempts",
            "userId",
            $"The account is locked after repeated wrong passwords until {end.ToString("O", CultureInfo.InvariantCulture)}.");
        problem.Extensions["lockedUntil"] = end;
        problem.Extensions["retryAfter"] = seconds;
        return TypedResults.Problem(problem);
    }
}
