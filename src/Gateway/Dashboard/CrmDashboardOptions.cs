namespace Orleans.Crm.Gateway.Dashboard;

/// <summary>The <c>Dashboard</c> configuration section (gateway).</summary>
public sealed class CrmDashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>
    /// Mark the sign-in cookie Secure on every request. Off, it is Secure when the request came over HTTPS; a gateway
    /// behind a proxy that ends TLS sees HTTP, so turn this on there (browsers still accept it on http://localhost).
    /// </summary>
    public bool SecureCookie { get; set; }
}
