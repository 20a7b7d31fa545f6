using Npgsql;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Runtime;
using Orleans.Crm.Silo.Storage.Postgres;

namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>One runtime instance of a <see cref="TestCluster"/>.</summary>
public sealed class TestSilo(string name, GrainRuntime runtime, IServiceProvider services, NpgsqlDataSource? dataSource, PostgresOutboxListener? listener) : IAsyncDisposable
{
    /// <summary>The silo's name.</summary>
    public string Name { get; } = name;

    /// <summary>The runtime.</summary>
    public GrainRuntime Runtime { get; } = runtime;

    /// <summary>References to grains, called through this silo.</summary>
    public IGrainFactory GrainFactory => Runtime;

    /// <summary>The silo's outbox LISTEN connection (PostgreSQL only).</summary>
    public PostgresOutboxListener? Listener { get; } = listener;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Listener is not null)
        {
            await Listener.StopAsync(CancellationToken.None);
            Listener.Dispose();
        }

        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        if (services is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
