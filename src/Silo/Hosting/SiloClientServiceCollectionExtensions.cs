using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Remote;
using Orleans.Crm.Silo.Storage.Postgres;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>How a gateway reaches grains: a silo in its own process, or remote silos (split mode).</summary>
public static class SiloClientServiceCollectionExtensions
{
    /// <summary>
    /// Co-hosted silo when <c>Silo:Endpoints</c> is empty (the one-command local run); otherwise a client of the
    /// silos listed there, with the outbox read straight from PostgreSQL so every gateway sees every commit.
    /// </summary>
    public static IServiceCollection AddCrmGrains(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(SiloClientOptions.Section + ":Endpoints").Get<string[]>() ?? [];
        return endpoints.Any(e => !string.IsNullOrWhiteSpace(e))
            ? services.AddCrmSiloClient(configuration)
            : services.AddCrmSilo(configuration);
    }

    /// <summary>Registers <see cref="IGrainFactory"/> as calls to remote silos, and the outbox reader.</summary>
    public static IServiceCollection AddCrmSiloClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        services.Configure<HostOptions>(configuration.GetSection("HostOptions"));
        services.AddOptions<SiloClientOptions>()
            .Bind(configuration.GetSection(SiloClientOptions.Section))
            .Validate(o => o.Endpoints.Count > 0 && o.Endpoints.All(e => Uri.TryCreate(e, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"), "Silo:Endpoints must list absolute http(s) URLs.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString("Crm"))
            .Validate(o => o.IsPostgres && !string.IsNullOrWhiteSpace(o.ConnectionString), "Split mode (Silo:Endpoints set) needs Storage:Provider 'postgres' and ConnectionStrings:Crm: gateways read the board outbox from PostgreSQL.")
            .ValidateOnStart();

        services.TryAddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!));
        services.TryAddSingleton<PostgresOutboxListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresOutboxListener>());
        services.TryAddSingleton(sp => new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresOutboxListener>()));
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<PostgresGrainStorage>());

        services.TryAddSingleton(sp => new HttpGrainCallInvoker(
            new HttpClient(new SocketsHttpHandler
            {
                // Re-resolve the Service name now and then, so new silo pods get traffic.
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
                ConnectTimeout = TimeSpan.FromSeconds(3),
            })
            { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<SiloClientOptions>>(),
            sp.GetRequiredService<ILogger<HttpGrainCallInvoker>>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<HttpGrainCallInvoker>());
        services.TryAddSingleton<SiloReadiness>();
        services.AddHostedService<DrainSignal>();
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<SiloClientReadinessCheck>("silos", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>Turns readiness false as soon as shutdown begins.</summary>
    private sealed class DrainSignal(SiloReadiness readiness, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(readiness.MarkDraining);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
