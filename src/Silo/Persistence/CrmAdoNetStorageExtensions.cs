using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Orleans.Crm.Silo.Persistence;

/// <summary>Registers the ADO.NET grain storage behind <see cref="KeyPreservingGrainStorage"/>.</summary>
public static class CrmAdoNetStorageExtensions
{
    /// <summary>
    /// Adds a named ADO.NET grain storage provider (invariant <c>Npgsql</c> unless <paramref name="configure"/> says
    /// otherwise) whose grain keys are stored verbatim (see <see cref="KeyPreservingGrainStorage"/>).
    /// </summary>
    /// <remarks>
    /// Orleans's own registration is kept (named options, validators, serializer and hasher defaults, and the
    /// lifecycle subscription, which resolves the keyed storage and subscribes it); only the keyed
    /// <see cref="IGrainStorage"/> it added is replaced by the decorator around the same inner provider. The decorator
    /// forwards the lifecycle subscription, so the inner provider still loads its queries when the silo starts.
    /// </remarks>
    public static ISiloBuilder AddCrmAdoNetGrainStorage(this ISiloBuilder builder, string name, Action<AdoNetGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        services.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = "Npgsql";
            configure(options);
        });

        var registration = services.LastOrDefault(d =>
                d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException(
                $"AddAdoNetGrainStorage did not register a keyed IGrainStorage named '{name}': this Orleans version registers storage differently.");
        services.Remove(registration);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) =>
            new KeyPreservingGrainStorage(AdoNetGrainStorageFactory.Create(provider, (string)key!)));
        return builder;
    }
}
