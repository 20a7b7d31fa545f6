using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>Wall-display pairing (configuration section <c>Displays</c>, issue 16), validated at start.</summary>
public sealed class DisplayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Displays";

    /// <summary>How long a pairing code can be claimed (the ten minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PairingCodeValidity { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a gateway trusts the registry's answer about one display credential before asking again: a revocation
    /// reaches the other gateway processes within this (the process that revokes forgets at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each gateway re-checks the displays connected to its hub and closes the connections of revoked ones
    /// (the process that revokes closes its own at once; at most 60 s so a revoked display drops within a minute).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectionRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
