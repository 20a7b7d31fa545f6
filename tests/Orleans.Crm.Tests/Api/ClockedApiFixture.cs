using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// One in-memory gateway whose rules read a fake clock (from Tuesday 2026-11-03 10:00 in Shanghai), for routes whose
/// answers depend on time: tests move it by days within November and deliver the store's sweep as its reminder would.
/// </summary>
public sealed class ClockedApiFixture : IAsyncLifetime
{
    public ClockedApiFixture()
    {
        Api = ApiHarness.InMemory(b => b.ConfigureTestServices(s => s.AddSingleton(new RulesClock(Clock))));
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));

    public ApiHarness Api { get; }

    /// <summary>Runs the store's sweep now, as its reminder does when due.</summary>
    public Task SweepAsync(string storeId) =>
        Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IStoreGrain>(storeId).AsReference<IRemindable>().ReceiveReminder("sweep", default);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
