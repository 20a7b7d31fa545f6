namespace Orleans.Crm.Tests.Api;

/// <summary>One in-memory gateway shared by a test class; tests use fresh ids, so they stay independent.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiHarness Api { get; } = ApiHarness.InMemory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
