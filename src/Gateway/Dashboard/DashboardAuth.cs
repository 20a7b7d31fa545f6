namespace Orleans.Crm.Gateway.Dashboard;

/// <summary>Where the dashboard lives and how a browser signs in to it.</summary>
public static class DashboardAuth
{
    /// <summary>The dashboard's pages and data, and the path its cookie is scoped to.</summary>
    public const string Path = "/dashboard";

    /// <summary>The sign-in page (GET) and form (POST): an hq token in, the cookie out.</summary>
    public const string SignInPath = Path + "/sign-in";

    /// <summary>Drops the cookie (POST).</summary>
    public const string SignOutPath = Path + "/sign-out";

    /// <summary>The cookie handler's scheme.</summary>
    public const string CookieScheme = "crm-dashboard-cookie";

    /// <summary>Picks the bearer scheme when a request carries an Authorization header, else the cookie.</summary>
    public const string Scheme = "crm-dashboard-bearer-or-cookie";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "crm_dashboard";

    /// <summary>
    /// Appended to <c>Auth:Audience</c> for the cookie's content, so a dashboard cookie is never accepted as an API token.
    /// </summary>
    public const string AudienceSuffix = "/dashboard";
}
