using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Crm.Gateway.Api;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Gateway.Dashboard;
using Orleans.Crm.Gateway.Demo;
using Orleans.Crm.Gateway.Network;
using Orleans.Crm.Silo.Hosting;
using Orleans.Hosting.Kubernetes;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Deployment;

/// <summary>
/// The services a silo or gateway process registers when started with a container's rendered environment, built the way
/// their Program.cs builds them but never started: nothing listens, nothing connects. The manifest tests ask them what
/// the app would actually do with that configuration (ports, cluster identity, drain bound, Kubernetes hosting, client
/// or silo), instead of restating the app's defaults.
/// </summary>
public sealed class AppServices : IDisposable
{
    private readonly ServiceProvider _provider;

    private AppServices(IServiceCollection services)
    {
        Registrations = services;
        _provider = services.BuildServiceProvider();
    }

    /// <summary>What was registered.</summary>
    public IServiceCollection Registrations { get; }

    /// <summary>As src/Silo/Program.cs: <c>AddCrmSilo()</c> and <c>AddCrmObservability()</c>.</summary>
    public static AppServices Silo(IReadOnlyDictionary<string, string?> environment)
    {
        var builder = Builder(environment);
        builder.AddCrmSilo();
        builder.AddCrmObservability();
        return new AppServices(builder.Services);
    }

    /// <summary>As src/Gateway/Program.cs: the cluster (co-hosted silo or client), observability, auth, API, board and demo chain.</summary>
    public static AppServices Gateway(IReadOnlyDictionary<string, string?> environment)
    {
        var builder = Builder(environment);
        builder.AddCrmCluster();
        builder.AddCrmObservability();
        builder.Services.AddCrmNetwork(builder.Configuration);
        builder.Services.AddCrmAuth(builder.Configuration);
        builder.Services.AddCrmDashboard(builder.Configuration);
        builder.Services.AddCrmApi(builder.Configuration);
        builder.Services.AddCrmBoard();
        builder.Services.AddDemoChain(builder.Configuration);
        return new AppServices(builder.Services);
    }

    /// <summary>True when this process runs a silo (co-hosted or not).</summary>
    public bool RunsASilo => Registrations.Any(d => d.ServiceType == typeof(ILocalSiloDetails));

    /// <summary>True when this process is an Orleans client without a silo.</summary>
    public bool IsAClientOnly => !RunsASilo && Registrations.Any(d => d.ServiceType == typeof(IClusterClient));

    /// <summary>True when Orleans's Kubernetes cluster agent takes part in the silo's lifecycle (UseKubernetesHosting).</summary>
    public bool RunsTheKubernetesAgent => Registrations.Any(d => d.ImplementationType == typeof(KubernetesClusterAgent));

    /// <summary>The app's Orleans settings (validated as at start).</summary>
    public OrleansSettings Settings => _provider.GetRequiredService<IOptions<OrleansSettings>>().Value;

    /// <summary>
    /// The cluster identity Orleans uses, from the configuration alone: Orleans's own binding of the <c>Orleans</c>
    /// section and the app's. (Kubernetes hosting may still override it from ORLEANS_SERVICE_ID / ORLEANS_CLUSTER_ID of
    /// the real process; this test process sets neither.)
    /// </summary>
    public ClusterOptions Cluster => _provider.GetRequiredService<IOptions<ClusterOptions>>().Value;

    /// <summary>Orleans's membership options as the silo binds them (<c>Orleans:Membership</c>).</summary>
    public ClusterMembershipOptions Membership => _provider.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

    /// <summary>The ports of the management endpoint (<c>Management:Urls</c>; empty when /metrics is on the app's port).</summary>
    public IReadOnlyList<int> ManagementPorts => [.. _provider.GetRequiredService<IOptions<ManagementOptions>>().Value.Addresses().Select(a => a.Port)];

    /// <summary>The drain bound the host applies.</summary>
    public TimeSpan ShutdownTimeout => _provider.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

    /// <summary>
    /// The Kubernetes hosting options as the app configures them, without the part Orleans fills from the pod's
    /// environment (namespace, pod name and IP), which cannot exist outside a pod.
    /// </summary>
    public KubernetesHostingOptions KubernetesHosting()
    {
        var options = new KubernetesHostingOptions();
        foreach (var configure in _provider.GetServices<IConfigureOptions<KubernetesHostingOptions>>()
                     .Where(c => c.GetType().Assembly != typeof(KubernetesHostingOptions).Assembly))
        {
            if (configure is IConfigureNamedOptions<KubernetesHostingOptions> named)
            {
                named.Configure(Options.DefaultName, options);
            }
            else
            {
                configure.Configure(options);
            }
        }

        return options;
    }

    /// <summary>Runs every options validation the host runs at start (ValidateOnStart); throws what the process would.</summary>
    public void ValidateAsAtStart() => _provider.GetRequiredService<IStartupValidator>().Validate();

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();

    private static HostApplicationBuilder Builder(IReadOnlyDictionary<string, string?> environment)
    {
        // Empty: no appsettings files and none of this test process's own environment variables.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(
            environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), kv.Value)));
        return builder;
    }
}
