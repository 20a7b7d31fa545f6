namespace Orleans.Crm.Gateway.Api;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests per user in each <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
