using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Orleans.Crm.Gateway.Network;

/// <summary>
/// Which proxies the gateway believes about the client (<c>Network:*</c>, issue 14). Behind the Kubernetes ingress the
/// connection comes from the ingress controller; its <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are taken only
/// from these addresses, so anyone else sending the headers cannot forge the audited address or the scheme. Empty (the
/// default) trusts nobody: the connection's own address is the client's.
/// </summary>
public sealed class NetworkSettings : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Network";

    /// <summary>Single proxy addresses, e.g. <c>10.0.0.12</c> or <c>fd00::12</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. the cluster's pod network <c>10.244.0.0/16</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>The parsed <see cref="KnownProxies"/> (valid after validation).</summary>
    public IEnumerable<IPAddress> Proxies => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    /// <summary>The parsed <see cref="KnownNetworks"/> (valid after validation).</summary>
    public IEnumerable<IPNetwork> Networks => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out _))
            {
                yield return new ValidationResult($"{Section}:{nameof(KnownProxies)}:{i} must be an IP address such as 10.0.0.12 (got '{KnownProxies[i]}').", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i]?.Trim(), out _))
            {
                yield return new ValidationResult($"{Section}:{nameof(KnownNetworks)}:{i} must be a network in CIDR notation such as 10.244.0.0/16 (got '{KnownNetworks[i]}').", [nameof(KnownNetworks)]);
            }
        }
    }
}
