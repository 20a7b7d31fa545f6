namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary><c>Auth:BootstrapAdmin</c>: the first HQ account of an empty system (Kubernetes: from a Secret).</summary>
public sealed class BootstrapAdminOptions
{
    /// <summary>The HQ user id to create.</summary>
    public string? UserId { get; set; }

    /// <summary>Its first password, to be replaced at first sign-in.</summary>
    public string? Password { get; set; }
}
