using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// How a process joins the cluster, by configuration: <c>Storage:Provider</c> memory → localhost clustering, in-memory
/// state and reminders (one process is the whole cluster); postgres → ADO.NET clustering, state and reminders on that
/// database, so every process started with it joins one cluster. <c>Orleans:*</c> names the cluster and its ports.
/// </summary>
public static class CrmHostingExtensions
{
    /// <summary>A gateway's grains: a silo in the process (<c>Orleans:CoHostSilo</c>, the default) or an Orleans client.</summary>
    public static IHostApplicationBuilder AddCrmCluster(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return OrleansOf(builder.Configuration).CoHostSilo ? builder.AddCrmSilo() : builder.AddCrmClient();
    }

    /// <summary>A silo: Orleans with the CRM's grains, storage and reminders, and its health checks.</summary>
    public static IHostApplicationBuilder AddCrmSilo(this IHostApplicationBuilder builder)
    {
        var (orleans, storage, configuration) = Prepare(builder, applySchema: true);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => orleans.Name(o));
            if (storage.IsPostgres)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = StorageOptions.NpgsqlInvariant;
                    o.ConnectionString = storage.ProviderConnectionString;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = orleans.SiloPort;
                    o.GatewayPort = orleans.GatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, orleans.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, orleans.GatewayPort);
                    if (orleans.AdvertisedAddress is { } advertised)
                    {
                        o.AdvertisedIPAddress = advertised;
                    }
                });
            }
            else
            {
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            }

            if (orleans.Kubernetes)
            {
                silo.UseKubernetesHosting();
            }

            silo.Configure<ClusterMembershipOptions>(configuration.GetSection(OrleansSettings.Section + ":Membership"));
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = orleans.ResponseTimeout);
            silo.AddCrmGrainServices(configuration);

            // The Orleans Dashboard's silo side: its cluster-wide grain and each silo's statistics collector. Gateways
            // serve its pages (hq only); silos serve none.
            silo.AddDashboard();

            // Traces follow a request from the gateway through its grain calls (spans only while traces are sampled).
            silo.AddActivityPropagation();
        });

        builder.Services.AddHealthChecks()
            .AddCheck(HealthTags.Process, () => HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<SiloReadinessCheck>("silo", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>An Orleans client of the cluster's silos (a split-mode gateway), found through the membership table.</summary>
    public static IHostApplicationBuilder AddCrmClient(this IHostApplicationBuilder builder)
    {
        var (orleans, storage, _) = Prepare(builder, applySchema: false);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => orleans.Name(o));
            if (storage.IsPostgres)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = StorageOptions.NpgsqlInvariant;
                    o.ConnectionString = storage.ProviderConnectionString;
                });
            }
            else
            {
                client.UseLocalhostClustering(orleans.GatewayPort, orleans.ServiceId, orleans.ClusterId);
            }

            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = orleans.ResponseTimeout);
            client.UseConnectionRetryFilter<RetryUntilStopped>();
            client.AddActivityPropagation();

            // A split-mode gateway serves the dashboard's pages from the silos' dashboard grain.
            client.AddDashboard();
        });

        builder.Services.AddHealthChecks()
            .AddCheck(HealthTags.Process, () => HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<ClientReadinessCheck>("cluster", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process is up: restart it if not; never touches the database) and <c>/health/ready</c>
    /// (it can serve: send it traffic only if so).
    /// </summary>
    public static IEndpointRouteBuilder MapCrmHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live) });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) });
        return endpoints;
    }

    /// <summary>
    /// What a silo and a client share: options validated at start, the drain signal and, on PostgreSQL, the schema —
    /// registered before Orleans (hosted services start in registration order, and the providers read their queries at
    /// start): a silo applies it, a client (a gateway that may start before any silo) waits for it.
    /// </summary>
    private static (OrleansSettings Orleans, StorageOptions Storage, IConfiguration Configuration) Prepare(IHostApplicationBuilder builder, bool applySchema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var storage = StorageOptions.From(configuration);
        builder.Services.AddCrmProcessOptions(configuration);
        if (storage.IsPostgres)
        {
            builder.Services.AddHostedService(sp => new DatabaseSchemaService(storage.ConnectionString!, applySchema, sp.GetRequiredService<ILogger<DatabaseSchemaService>>()));
        }

        return (OrleansOf(configuration), storage, configuration);
    }

    /// <summary>Options every process validates at start, and the drain signal.</summary>
    private static IServiceCollection AddCrmProcessOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrleansSettings>().Bind(configuration.GetSection(OrleansSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString("Crm"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Drain (SIGTERM → readiness false → Orleans leaves the cluster gracefully) within this bound, which must stay
        // longer than Orleans's own graceful shutdown.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        services.Configure<HostOptions>(configuration.GetSection("HostOptions"));
        services.TryAddSingleton<SiloReadiness>();
        services.AddHostedService<DrainSignal>();
        return services;
    }

    private static OrleansSettings OrleansOf(IConfiguration configuration)
    {
        var settings = new OrleansSettings();
        configuration.GetSection(OrleansSettings.Section).Bind(settings);
        return settings;
    }

    /// <summary>Turns readiness false as soon as shutdown begins, so load balancers stop sending before the drain.</summary>
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
