using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Runtime;
using Orleans.Crm.Silo.Storage;
using Orleans.Crm.Silo.Storage.Memory;
using Orleans.Crm.Silo.Storage.Postgres;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>Registers a silo (grain runtime + storage + reminders + health) in a host.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds the silo with the storage chosen by <c>Storage:Provider</c>, and the grains of the Grains assembly.</summary>
    public static IServiceCollection AddCrmSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Drain (SIGTERM → readiness false → in-flight calls finish → reminders released) within this bound.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        services.Configure<HostOptions>(configuration.GetSection("HostOptions"));
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString("Crm"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(storage);
        if (storage.IsPostgres)
        {
            services.TryAddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!));
            services.TryAddSingleton<PostgresOutboxListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresOutboxListener>());
            services.TryAddSingleton<IGrainStorage>(sp => new PostgresGrainStorage(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<PostgresOutboxListener>(),
                sp.GetService<CommitFaultInjector>()));
        }
        else
        {
            services.TryAddSingleton<IGrainStorage>(sp => new MemoryGrainStorage(sp.GetRequiredService<TimeProvider>(), sp.GetService<CommitFaultInjector>()));
        }

        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<IGrainStorage>());
        services.AddOptions<RulesSettings>().Bind(configuration.GetSection(RulesSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RulesSettings>>().Value.ToOptions());
        services.TryAddSingleton(_ => GrainTypeRegistry.FromAssemblies(typeof(Grains.GrainsAssembly).Assembly));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RuntimeOptions>>().Value);
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<SiloReadiness>();
        services.AddHostedService<SiloHostedService>();

        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<SiloReadinessCheck>("silo", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>
    /// <c>/health/live</c> (the process is up: restart it if not) and <c>/health/ready</c>
    /// (it can serve: send it traffic only if so). Liveness never depends on the database.
    /// </summary>
    public static IEndpointRouteBuilder MapCrmHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live) });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) });
        return endpoints;
    }
}
