using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Orleans.Crm.Tests.Accounts;

/// <summary>
/// A chain's OpenID Connect provider for the oidc tests, on a loopback port: OpenIddict's server (no hand-made tokens) in
/// degraded mode — no database, so the few checks a store would make (the client id, its redirect URIs) are the small
/// handlers below. One public client (authorization code + PKCE, refresh tokens), JWT access tokens signed with an
/// ephemeral RSA key and not encrypted, carrying the API's audience and the person's role and store under the chain's
/// own claim names (<see cref="RoleClaim"/>, <see cref="StoreClaim"/>). Its login page is a form with a user id (no
/// password, consent implied): the people it knows are given by the test.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "crm-pages";
    public const string Audience = "crm-api";

    /// <summary>The scope that puts <see cref="Audience"/> into the access token.</summary>
    public const string ApiScope = "crm-api";

    public const string RoleClaim = "crm_role";
    public const string StoreClaim = "shop";

    private readonly WebApplication _app;
    private readonly Dictionary<string, (string Role, string? Store)> _people = new(StringComparer.Ordinal);
    private readonly HashSet<string> _redirectUris = new(StringComparer.Ordinal);
    private int _endSessions;

    private TestOidcProvider(TimeSpan accessTokenLifetime)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCors();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, ApiScope);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            o.SetAccessTokenLifetime(accessTokenLifetime);
            o.EnableDegradedMode();
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            // What a store of applications would check: the one public client and the redirect URIs registered for it.
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!_redirectUris.Contains(context.RedirectUri ?? ""))
                {
                    context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for the client.");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !_redirectUris.Contains(uri))
                {
                    context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered for the client.");
                }

                return default;
            }));
        });

        _app = builder.Build();

        // The pages on the gateway's origin fetch the discovery document and trade codes at the token endpoint.
        _app.UseCors(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod());
        _app.UseAuthentication();
        _app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize);
        _app.MapMethods("/connect/endsession", ["GET", "POST"], EndSession);
    }

    /// <summary>The issuer URL (Auth:Authority), with the trailing slash OpenIddict's issuer has.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>How many times a browser went through the end-session endpoint.</summary>
    public int EndSessions => Volatile.Read(ref _endSessions);

    public static async Task<TestOidcProvider> StartAsync(TimeSpan? accessTokenLifetime = null)
    {
        var provider = new TestOidcProvider(accessTokenLifetime ?? TimeSpan.FromMinutes(10));
        await provider._app.StartAsync();
        provider.Authority = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>Someone the provider signs in (user id, the chain's role name, the store).</summary>
    public void AddPerson(string userId, string role, string? store) => _people[userId] = (role, store);

    /// <summary>Registers a redirect URI (and post-logout redirect URI) of the client: the pages' own addresses.</summary>
    public void AllowRedirectUri(string uri) => _redirectUris.Add(uri);

    /// <summary>A gateway's settings for oidc mode against this provider (as README's sign-in section documents them).</summary>
    public Dictionary<string, string?> GatewaySettings() => new()
    {
        ["Auth:Accounts"] = "oidc",
        ["Auth:DevTokens"] = "false",

        // Still required without dev tokens, whatever signs the people in (the gateway's own tokens use it).
        ["Auth:SigningKey"] = "oidc-test-gateway-signing-key-0123456789",
        ["Auth:Authority"] = Authority,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
        ["Auth:ClientId"] = ClientId,
        ["Auth:Scopes"] = "openid profile offline_access " + ApiScope,
        ["Auth:Claims:Role"] = RoleClaim,
        ["Auth:Claims:Store"] = StoreClaim,
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// The authorization code flow with PKCE as a browser runs it, by HTTP: the login page, the form with the user id, the
    /// redirect with the code, and the code traded at the token endpoint → the token response.
    /// </summary>
    public async Task<JsonElement> SignInAsync(string userId, string redirectUri, string scopes)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var request = new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = ResponseTypes.Code,
            ["scope"] = scopes,
            ["state"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = CodeChallengeMethods.Sha256,
        };
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Authority) };
        var login = await http.GetAsync("connect/authorize?" + string.Join("&", request.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        var page = await login.Content.ReadAsStringAsync();
        Assert.True(login.StatusCode == HttpStatusCode.OK && page.Contains("provider-login", StringComparison.Ordinal), page);

        using var form = new FormUrlEncodedContent(request.Append(new("login_user", userId)));
        var answer = await http.PostAsync("connect/authorize", form);
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var location = answer.Headers.Location!;
        Assert.StartsWith(redirectUri, location.ToString(), StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();

        return await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.AuthorizationCode,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        });
    }

    /// <summary>A refresh token traded for a new token response.</summary>
    public Task<JsonElement> RefreshAsync(string refreshToken) => TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = GrantTypes.RefreshToken,
        ["refresh_token"] = refreshToken,
        ["client_id"] = ClientId,
    });

    private async Task<JsonElement> TokenAsync(Dictionary<string, string> body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Authority) };
        using var form = new FormUrlEncodedContent(body);
        var response = await http.PostAsync("connect/token", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var userId = (string?)request["login_user"];
        if (string.IsNullOrEmpty(userId) || !_people.TryGetValue(userId, out var person))
        {
            return LoginPage(request, userId);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, RoleClaim);
        identity.SetClaim(Claims.Subject, userId).SetClaim(Claims.Name, userId).SetClaim(RoleClaim, person.Role);
        if (person.Store is not null)
        {
            identity.SetClaim(StoreClaim, person.Store);
        }

        identity.SetScopes(request.GetScopes());
        if (request.HasScope(ApiScope))
        {
            identity.SetResources(Audience);
        }

        // The CRM reads role and store from the access token; the identity token names the person only.
        identity.SetDestinations(claim => claim.Type is Claims.Subject or Claims.Name
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private IResult EndSession()
    {
        Interlocked.Increment(ref _endSessions);

        // OpenIddict answers with the redirect to the validated post_logout_redirect_uri.
        return Results.SignOut(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The login form: posts the authorization request back with the user id (consent implied).</summary>
    private static IResult LoginPage(OpenIddictRequest request, string? unknown)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Chain sign-in</title></head><body>");
        html.Append("<h1>Chain identity provider</h1><form id=\"provider-login\" method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != "login_user")
            {
                html.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode((string?)value)}\">");
            }
        }

        html.Append("<label>Employee <input name=\"login_user\" autocomplete=\"username\"></label> <button type=\"submit\">Sign in</button>");
        if (unknown is not null)
        {
            html.Append($"<p id=\"provider-error\">Unknown employee {WebUtility.HtmlEncode(unknown)}</p>");
        }

        html.Append("</form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
