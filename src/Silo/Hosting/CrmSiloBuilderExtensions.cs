using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Silo.Persistence;
using Orleans.Configuration;
using Orleans.Crm.Silo.Persistence.DataProtection;
using Orleans.Hosting;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// What every silo of the CRM needs besides clustering: the grain storage (in memory, or the ADO.NET provider on the
/// project's PostgreSQL scripts), reminders, the state serializer, and the rulebook's settings. Clustering is the
/// caller's: a process host (<see cref="CrmHostingExtensions"/>) or a test cluster.
/// </summary>
public static class CrmSiloBuilderExtensions
{
    public static ISiloBuilder AddCrmGrainServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = StorageOptions.From(configuration);
        silo.Services.AddCrmRules(configuration);

        // Silo-side log lines of a command carry its id (set by the gateway in Orleans's RequestContext).
        silo.AddIncomingGrainCallFilter<CommandLogScopeFilter>();

        // Retention (issue 14): the chain-wide sweep's reminder, registered by whichever silo starts (idempotent). A
        // failure here must not stop the silo: the next silo start registers it.
        silo.AddStartupTask(async (services, cancellation) =>
        {
            try
            {
                await services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionGrain>(0).StartAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RetentionGrain)).LogWarning(e, "The retention sweep's reminder could not be registered at start");
            }
        });
        if (storage.IsPostgres)
        {
            var connectionString = storage.ProviderConnectionString!;
            silo.AddCrmAdoNetGrainStorage(CrmStorage.Provider, o =>
            {
                o.Invariant = StorageOptions.NpgsqlInvariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = CrmStateSerializer.Instance;
            });

            // Data at rest (issue 14): every grain's state and every journal event sealed with Security:DataKeys.
            silo.Services.AddCrmDataKeys(configuration);
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(CrmStorage.Provider)
                .Configure<DataCipher>((o, cipher) => o.GrainStorageSerializer = new EncryptingStateSerializer(CrmStateSerializer.Instance, cipher));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = StorageOptions.NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.TryAddSingleton<IJournal>(sp => new PostgresJournal(connectionString, sp.GetRequiredService<DataCipher>()));
        }
        else
        {
            silo.AddMemoryGrainStorage(CrmStorage.Provider, o => o.GrainStorageSerializer = CrmStateSerializer.Instance);
            silo.UseInMemoryReminderService();
            silo.Services.TryAddSingleton<IJournal, InMemoryJournal>();
        }

        return silo;
    }

    /// <summary>
    /// <c>Security:DataKeys</c> validated at start and the one <see cref="DataCipher"/> built from them (grain storage,
    /// journal, and any other table of customer data). A development default only in Development.
    /// </summary>
    public static IServiceCollection AddCrmDataKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataKeySettings>()
            .Bind(configuration.GetSection(DataKeySettings.Section))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (environment.IsDevelopment() && o.Keys.Count == 0 && string.IsNullOrEmpty(o.Current))
                {
                    o.Keys[DataKeySettings.DevelopmentKeyId] = DataKeySettings.DevelopmentKey;
                    o.Current = DataKeySettings.DevelopmentKeyId;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DataKeySettings>>().Value.ToCipher());
        return services;
    }

    /// <summary>The rulebook's numbers (<c>Rules:*</c>), the grains' bounds (<c>Grains:*</c>), the rules' clock and the grains' metrics.</summary>
    public static IServiceCollection AddCrmRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RulesSettings>().Bind(configuration.GetSection(RulesSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RulesSettings>>().Value.ToOptions());
        services.AddOptions<DesignerEvaluationSettings>().Bind(configuration.GetSection(RulesSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DesignerEvaluationSettings>>().Value.ToOptions());
        services.AddOptions<GrainOptions>().Bind(configuration.GetSection(GrainOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ComplaintOptions>().Bind(configuration.GetSection(ComplaintOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecuritySettings>()
            .Bind(configuration.GetSection(SecuritySettings.Section))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                // A development default only in Development: elsewhere a missing key fails validation at start.
                if (environment.IsDevelopment() && string.IsNullOrEmpty(o.IdentityKey))
                {
                    o.IdentityKey = SecuritySettings.DevelopmentIdentityKey;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new CustomerIdentity(sp.GetRequiredService<IOptions<SecuritySettings>>().Value.IdentityKey!));
        services.TryAddSingleton(RulesClock.System);
        services.TryAddSingleton<CrmMetrics>();
        services.TryAddSingleton<GrainContext>();
        return services;
    }
}
