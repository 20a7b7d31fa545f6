using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The management endpoint (configuration section <c>Management</c>): where operators' tools (Prometheus's scrapes of
/// <c>/metrics</c>) reach a gateway or silo. Unset, <c>/metrics</c> answers on the app's own port. Set, the process also
/// listens on these URLs and <c>/metrics</c> answers only on them, so the app's Service and Ingress never expose it.
/// </summary>
public sealed partial class ManagementOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Management";

    /// <summary>
    /// Semicolon-separated <c>http://host:port</c> URLs with explicit ports, as ASPNETCORE_URLS writes them
    /// (e.g. <c>http://+:9090</c>); empty: no separate endpoint.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>The configured URLs, parsed (empty when none); call after validation (a malformed URL throws).</summary>
    public IReadOnlyList<BindingAddress> Addresses() => [.. UrlList().Select(BindingAddress.Parse)];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in UrlList())
        {
            BindingAddress? address = null;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                // Reported below.
            }

            // An explicit port: requests are told apart by the port they arrived on, which a dynamic one (0) or a
            // scheme's default hides. Plain HTTP: the endpoint serves in-cluster scrapes and carries no certificate.
            if (address is null || address.IsUnixPipe || address.Scheme != "http" || !ExplicitPort().IsMatch(url) || address.Port is < 1 or > 65535)
            {
                yield return new ValidationResult(
                    $"Management:Urls: '{url}' is not an http://host:port URL with a port from 1 to 65535 (e.g. http://+:9090).",
                    [nameof(Urls)]);
            }
        }
    }

    private IEnumerable<string> UrlList() =>
        (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^[a-zA-Z]+://(\[[^\]]*\]|[^/:]*):[0-9]+/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitPort();
}
