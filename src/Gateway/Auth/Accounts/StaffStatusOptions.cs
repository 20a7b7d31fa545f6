using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// <c>Auth:StaffStatus</c>: how long a gateway trusts what it read of an account's status (role, store, departed) when it
/// checks a bearer token. The gateway that records a leave or transfer forgets its entry at once; other gateways see the
/// change within this time.
/// </summary>
public sealed class StaffStatusOptions
{
    public const string Section = "Auth:StaffStatus";

    /// <summary>Default 2 s; 0 reads the accounts table on every request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often each gateway re-checks the staff connected to its hubs and closes the connections of people who left
    /// or moved (default 30 s; the gateway recording the change closes its own at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ConnectionRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
