using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Whether a request came in on the management endpoint (<see cref="ManagementOptions"/>): by the local port it arrived
/// on, which a client cannot forge as it can a Host header. Without a management endpoint every port is one.
/// </summary>
public sealed class ManagementEndpoint
{
    private readonly FrozenSet<int> _ports;

    /// <summary>Reads the validated options.</summary>
    public ManagementEndpoint(IOptions<ManagementOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var addresses = options.Value.Addresses();
        Urls = [.. addresses.Select(a => a.ToString())];
        _ports = addresses.Select(a => a.Port).ToFrozenSet();
    }

    /// <summary>True when <c>Management:Urls</c> names a separate endpoint.</summary>
    public bool IsSeparate => _ports.Count > 0;

    /// <summary>The management URLs the process listens on in addition to its own.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>True when management paths (<c>/metrics</c>) may answer this request.</summary>
    public bool Accepts(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !IsSeparate || _ports.Contains(context.Connection.LocalPort);
    }
}
