using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;
using Orleans.Crm.Gateway.Auth;

namespace Orleans.Crm.Gateway.Dashboard;

/// <summary>
/// The dashboard's sign-in for browsers, which send no bearer header when they open a page: the operator pastes an hq
/// token (or, with <c>Auth:DevTokens</c>, asks for one); it is checked exactly as the API checks a bearer token, and an
/// hq token becomes the dashboard cookie, expiring with the token.
/// </summary>
public static partial class DashboardSignIn
{
    private const string Page = "dashboard-sign-in.html";

    // The page is bilingual: messages keep their Chinese as text rather than character references.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary><c>GET /dashboard/sign-in</c>: the form.</summary>
    public static Task<IResult> ShowAsync(HttpContext http, IWebHostEnvironment env, IOptions<CrmAuthOptions> auth)
    {
        ArgumentNullException.ThrowIfNull(http);
        return RenderAsync(http, env, auth.Value, StatusCodes.Status200OK, message: null, ReturnUrl(http.Request.Query["ReturnUrl"]));
    }

    /// <summary><c>POST /dashboard/sign-in</c> (a form: <c>token</c>, or <c>devToken</c>; <c>returnUrl</c>).</summary>
    public static async Task<IResult> SignInAsync(
        HttpContext http,
        IWebHostEnvironment env,
        IOptions<CrmAuthOptions> auth,
        IOptionsMonitor<JwtBearerOptions> jwt,
        DevTokenIssuer issuer,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem("Post the sign-in form (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var returnUrl = ReturnUrl(form["returnUrl"]);
        var token = form["token"].ToString().Trim();
        if (form.ContainsKey("devToken"))
        {
            if (!auth.Value.DevTokens)
            {
                return await RenderAsync(http, env, auth.Value, StatusCodes.Status400BadRequest,
                    "此网关未启用开发令牌。 Dev tokens are off on this gateway: paste an hq token.", returnUrl).ConfigureAwait(false);
            }

            token = issuer.Issue(new StaffUser(CrmRoles.Hq, CrmRoles.Hq, StoreId: null)).Token;
        }

        if (token.Length == 0)
        {
            return await RenderAsync(http, env, auth.Value, StatusCodes.Status400BadRequest, "请粘贴令牌。 Paste a token.", returnUrl).ConfigureAwait(false);
        }

        var validated = await ValidateAsync(token, jwt.Get(JwtBearerDefaults.AuthenticationScheme)).ConfigureAwait(false);
        var logger = loggers.CreateLogger(typeof(DashboardSignIn));
        if (validated is null)
        {
            LogRefused(logger, "invalid");
            return await RenderAsync(http, env, auth.Value, StatusCodes.Status400BadRequest,
                "令牌无效或已过期。 This token is not valid here, or it has expired.", returnUrl).ConfigureAwait(false);
        }

        var (principal, expires) = validated.Value;
        var user = StaffUser.From(principal);
        if (user is not { IsHq: true })
        {
            var role = user?.Role ?? "?";
            LogRefused(logger, role);
            return await RenderAsync(http, env, auth.Value, StatusCodes.Status403Forbidden,
                $"此令牌的角色是 {role}：仪表盘仅限总部（hq）。 This token's role is {role}: the dashboard is for head office (hq) only.",
                returnUrl).ConfigureAwait(false);
        }

        var identity = new ClaimsIdentity(
            [new Claim(CrmClaims.UserId, user.UserId), new Claim(CrmClaims.Role, user.Role)],
            DashboardAuth.CookieScheme, CrmClaims.UserId, CrmClaims.Role);
        await http.SignInAsync(DashboardAuth.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            // Never longer than the token that signed in; a session cookie, so closing the browser signs out too.
            ExpiresUtc = expires,
            IsPersistent = false,
            AllowRefresh = false,
        }).ConfigureAwait(false);
        LogSignedIn(logger, user.UserId);
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary><c>POST /dashboard/sign-out</c>: drops the cookie.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        await http.SignOutAsync(DashboardAuth.CookieScheme).ConfigureAwait(false);
        http.Response.Redirect(DashboardAuth.SignInPath);
    }

    /// <summary>
    /// Where to go after signing in: a page of the dashboard the browser was sent away from, never anywhere else (no
    /// open redirect), and not back to the sign-in.
    /// </summary>
    public static string ReturnUrl(string? requested)
    {
        const string home = DashboardAuth.Path + "/";
        if (string.IsNullOrEmpty(requested)
            || !(requested == DashboardAuth.Path || requested.StartsWith(home, StringComparison.Ordinal))
            || requested.Contains('\\', StringComparison.Ordinal)
            || requested.StartsWith(DashboardAuth.SignInPath, StringComparison.Ordinal)
            || requested.StartsWith(DashboardAuth.SignOutPath, StringComparison.Ordinal))
        {
            return home;
        }

        return requested;
    }

    /// <summary>The token's principal and expiry when the API would accept it as a bearer token, else null.</summary>
    private static async Task<(ClaimsPrincipal Principal, DateTimeOffset Expires)?> ValidateAsync(string token, JwtBearerOptions jwt)
    {
        foreach (var handler in jwt.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, jwt.TokenValidationParameters).ConfigureAwait(false);
            if (result.IsValid && result.SecurityToken is JsonWebToken { ValidTo: var validTo })
            {
                return (new ClaimsPrincipal(result.ClaimsIdentity), new DateTimeOffset(validTo, TimeSpan.Zero));
            }
        }

        return null;
    }

    private static async Task<IResult> RenderAsync(HttpContext http, IWebHostEnvironment env, CrmAuthOptions auth, int status, string? message, string returnUrl)
    {
        var info = env.WebRootFileProvider.GetFileInfo(Page);
        if (!info.Exists)
        {
            return Results.Problem($"{Page} is missing from the gateway's web root.", statusCode: StatusCodes.Status500InternalServerError);
        }

        string html;
        using (var reader = new StreamReader(info.CreateReadStream()))
        {
            html = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        html = html
            .Replace("{{message}}", message is null ? string.Empty : Encoder.Encode(message), StringComparison.Ordinal)
            .Replace("{{messageHidden}}", message is null ? "hidden" : string.Empty, StringComparison.Ordinal)
            .Replace("{{returnUrl}}", Encoder.Encode(returnUrl), StringComparison.Ordinal)
            .Replace("{{devTokensHidden}}", auth.DevTokens ? string.Empty : "hidden", StringComparison.Ordinal);
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard sign-in by {UserId}")]
    private static partial void LogSignedIn(ILogger logger, string userId);
}
