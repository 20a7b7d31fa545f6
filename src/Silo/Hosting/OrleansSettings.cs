using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The cluster a process belongs to (configuration section <c>Orleans</c>). Every process of one deployment carries the
/// same <see cref="ServiceId"/> for its whole life: grain state and reminders are keyed by it.
/// </summary>
public sealed class OrleansSettings : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (split-mode gateways) connect to.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Names the cluster (membership); a new one for a fresh cluster of the same service is fine.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ClusterId { get; set; } = "orleans-crm";

    /// <summary>Names the service: grain state and reminders are keyed by it, so it never changes for a deployment.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ServiceId { get; set; } = "orleans-crm";

    /// <summary>Gateway only: run a silo in this process (default), or be an Orleans client of the cluster's silos.</summary>
    public bool CoHostSilo { get; set; } = true;

    /// <summary>The address other silos and clients reach this silo at (default: the host's own; loopback for a machine-local cluster).</summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>
    /// How long a caller waits for a grain's answer (Orleans's default is 30 s). A call that went to a silo that died
    /// mid-call fails after this, and gateways resend it with the same command id: short enough that a failover costs
    /// seconds, far longer than any turn of these grains.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pod name, IP and namespace come from Kubernetes (the downward API), and dead silos' pods are removed.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>The advertised address, if one is configured.</summary>
    public IPAddress? AdvertisedAddress => AdvertisedIP is { Length: > 0 } ip ? IPAddress.Parse(ip) : null;

    /// <summary>Names the cluster this process belongs to.</summary>
    public void Name(Orleans.Configuration.ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdvertisedIP is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
        {
            yield return new ValidationResult($"Orleans:AdvertisedIP '{ip}' is not an IP address.", [nameof(AdvertisedIP)]);
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult("Orleans:SiloPort and Orleans:GatewayPort must differ.", [nameof(SiloPort), nameof(GatewayPort)]);
        }
    }
}
