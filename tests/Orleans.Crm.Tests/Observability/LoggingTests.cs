using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Observability;

/// <summary>
/// Every log line of a command carries its <c>commandId</c>: lines written on the gateway while the command runs, and
/// lines written in the silo while the grains work on it (the deciding grain's call and the calls it makes in turn) —
/// but no line of a call that belongs to no command.
/// </summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task LogLinesWrittenWhileACommandRunsCarryItsCommandIdOnTheGatewayAndInTheSilo()
    {
        var logs = new RecordingLoggerProvider();
        await using var api = ApiHarness.InMemory(b => b
            .ConfigureLogging(l => l.AddProvider(logs))
            .ConfigureTestServices(services =>
            {
                // Probes standing in for any log line of application code: one where the caller's code runs (the
                // gateway's request), one where the grain's code runs (the silo). At Warning: the app's settings keep
                // "Orleans*" categories, which these are too, at Warning and above.
                services.AddSingleton<IOutgoingGrainCallFilter, CallerProbe>();
                services.AddSingleton<IIncomingGrainCallFilter, GrainProbe>();
            }));
        var store = await api.StoreAsync();
        var visit = await api.VisitAsync(store);
        var leadId = visit.Str("leadId");
        var commandId = ApiHarness.NewCommandId();
        using var hq = await api.HqAsync();

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId, managerId = visit.Str("managerId") }));

        var lines = logs.Lines;
        var caller = Assert.Single(lines, l => l.Category == Category<CallerProbe>() && l.Message == "calling IStoreGrain.DispatchAsync");
        Assert.Equal([commandId], caller.Scope("commandId"));
        var grain = Assert.Single(lines, l => l.Category == Category<GrainProbe>() && l.Message == "running IStoreGrain.DispatchAsync");
        Assert.Equal([commandId], grain.Scope("commandId"));

        // The store's own call to the customer grain, inside the command: the id travelled with it.
        var nested = Assert.Single(lines, l => l.Category == Category<GrainProbe>() && l.Message == "running ICustomerGrain.SetDesignerAsync");
        Assert.Equal([commandId], nested.Scope("commandId"));

        // The store's set-up carried no command id, and none leaked into it.
        var setup = lines.Where(l => l.Category == Category<GrainProbe>() && l.Message == "running IStoreGrain.ConfigureAsync").ToList();
        Assert.NotEmpty(setup);
        Assert.All(setup, l => Assert.Empty(l.Scope("commandId")));
    }

    private sealed class CallerProbe(ILogger<CallerProbe> logger) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            logger.LogWarning("calling {Interface}.{Method}", Short(context.InterfaceName), context.MethodName);
            return context.Invoke();
        }
    }

    private sealed class GrainProbe(ILogger<GrainProbe> logger) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            logger.LogWarning("running {Interface}.{Method}", Short(context.InterfaceName), context.MethodName);
            return context.Invoke();
        }
    }

    // ILogger<T>'s category: the type's full name with '.' for nested types.
    private static string Category<T>() => typeof(T).FullName!.Replace('+', '.');

    private static string Short(string interfaceName) => interfaceName[(interfaceName.LastIndexOf('.') + 1)..];
}
