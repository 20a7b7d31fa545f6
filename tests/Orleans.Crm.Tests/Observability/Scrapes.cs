using System.Net;

namespace Orleans.Crm.Tests.Observability;

/// <summary>Reads a gateway's <c>GET /metrics</c>.</summary>
public static class Scrapes
{
    /// <summary>The metrics as Prometheus would scrape them; fails unless 200 with the Prometheus text format.</summary>
    public static async Task<PrometheusText> ScrapeAsync(HttpClient http, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(body);
    }
}
