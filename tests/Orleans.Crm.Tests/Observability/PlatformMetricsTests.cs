using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Observability;

/// <summary>
/// Tests of instruments that ASP.NET Core creates per host (through the host's IMeterFactory): OpenTelemetry stops
/// exporting same-named instruments of every host in a process once one such host is disposed
/// (open-telemetry/opentelemetry-dotnet#6412), so these run alone, after the tests that start and stop other gateways
/// in this process. (A real process has one host; the CRM's own meters are process-wide and need no such care.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "Alone in the process";
}

/// <summary><c>GET /metrics</c> carries the platform's instruments next to the business's: ASP.NET Core, .NET, Orleans.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed class PlatformMetricsTests
{
    [Fact]
    public async Task TheMetricsIncludeAspNetCoreDotNetRuntimeAndOrleansInstruments()
    {
        await using var api = ApiHarness.InMemory();
        var store = await api.StoreAsync();
        using var scraper = api.Anonymous();

        var metrics = await Eventually.GetAsync(
            () => Scrapes.ScrapeAsync(scraper),
            m => m.Series("http_server_request_duration_seconds_count", ("http_route", "/api/stores/{storeId}")).Any(),
            "the store's set-up request is measured");

        // ASP.NET Core's request duration by route template (never the path with its ids), the runtime's, Orleans's.
        Assert.All(metrics.Series("http_server_request_duration_seconds_count"), s => Assert.DoesNotContain(store.StoreId, s.ToString(), StringComparison.Ordinal));
        Assert.Contains("dotnet_gc_collections_total", metrics.Names);
        Assert.Contains("dotnet_process_memory_working_set_bytes", metrics.Names);
        Assert.Contains(metrics.Series("orleans_catalog_activations", ("grain_type", "store")), s => s.Value >= 1);
        Assert.Contains("orleans_storage_write_latency_milliseconds_count", metrics.Names);
        Assert.Contains(metrics.Series("target_info"), s => s.Labels.GetValueOrDefault("service_name") == "Orleans.Crm.Gateway");
    }
}
