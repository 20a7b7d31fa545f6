using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Observability;

/// <summary>
/// The trace of one command request, as the app's tracer provider records it once an exporter listens (here an
/// in-memory one, added through the app's own OpenTelemetry registration): the request's span, the command's span with
/// its command id and store, and the Orleans grain calls it caused, all in one trace.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task TheTraceOfACommandRequestCarriesItsCommandIdAndStoreAcrossTheGrainCalls()
    {
        var spans = new SynchronizedList<Activity>();
        await using var api = ApiHarness.InMemory(b => b.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(t => t.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans))));
        var store = await api.StoreAsync();
        var visit = await api.VisitAsync(store);
        var leadId = visit.Str("leadId");
        var commandId = ApiHarness.NewCommandId();
        using var hq = await api.HqAsync();

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId, managerId = visit.Str("managerId") }));

        // The request's span ends as its answer goes out: wait for it rather than for the client. (Other gateways of
        // this test process may be traced meanwhile: everything below is picked by the command's trace.)
        var command = await Eventually.GetAsync(
            () => Task.FromResult(spans.Snapshot()),
            all => all.Find(s => Equals(s.GetTagItem(CrmTracing.CommandIdTag), commandId)) is { } c && all.Any(s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == c.TraceId),
            "the command's spans are exported");
        var commandSpan = Assert.Single(command, s => Equals(s.GetTagItem(CrmTracing.CommandIdTag), commandId));
        Assert.Equal(CrmTracing.SourceName, commandSpan.Source.Name);
        Assert.Equal(store.StoreId, commandSpan.GetTagItem(CrmTracing.StoreTag));
        Assert.Equal("dispatch", commandSpan.GetTagItem(CrmTracing.OperationTag));

        // One trace: the HTTP request's span is the command span's parent, and the store grain's call is in it.
        var request = Assert.Single(command, s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == commandSpan.TraceId);
        Assert.Equal("/api/leads/{leadId}/dispatch", request.GetTagItem("http.route"));
        Assert.Equal(request.SpanId, commandSpan.ParentSpanId);
        var trace = command.Where(s => s.TraceId == commandSpan.TraceId).ToList();
        var call = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName == "IStoreGrain/DispatchAsync");
        Assert.Equal(commandSpan.SpanId, call.ParentSpanId);
        var inGrain = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.DisplayName == "IStoreGrain/DispatchAsync");
        Assert.Equal(call.SpanId, inGrain.ParentSpanId);

        // …and on into the grain the store called in turn.
        Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.DisplayName == "ICustomerGrain/SetDesignerAsync");
    }
}
