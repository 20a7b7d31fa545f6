using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Crm.Tests.Deployment;

/// <summary>
/// The configuration keys the apps actually read, in environment-variable form (<c>Section__Key</c>), found by
/// reflection over the options classes of the silo, grains and gateway assemblies (every public type with a
/// <c>public const string Section</c>), Orleans's membership options the silo binds, plus the few keys read directly.
/// </summary>
public static class AppConfiguration
{
    /// <summary>The port both apps listen on in their containers (ASPNETCORE_HTTP_PORTS, the image default).</summary>
    public const int HttpPort = 8080;

    /// <summary>The liveness endpoint (never touches the database).</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness endpoint (false while draining or when PostgreSQL is unreachable).</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>
    /// What the drain (HostOptions.ShutdownTimeout) must hold for a silo: Orleans's graceful silo shutdown (grains
    /// deactivate, the silo leaves the membership table) took 2–5 s here (PACKAGES.md); twice the worst case.
    /// </summary>
    public static TimeSpan OrleansGracefulShutdown { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Environment variables read by Orleans's Kubernetes hosting (<c>UseKubernetesHosting()</c>, turned on by
    /// <c>Orleans:Kubernetes</c>) with <see cref="Environment.GetEnvironmentVariable(string)"/>, not by the app's options:
    /// the pod's identity from the downward API, and ClusterOptions overrides. Silos only.
    /// </summary>
    public static IReadOnlyList<string> KubernetesHostingVariables { get; } =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
        KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    ];

    /// <summary>Keys read outside options classes.</summary>
    private static readonly string[] DirectKeys =
    [
        "ConnectionStrings__Crm",   // configuration.GetConnectionString("Crm")
        "Demo__Seed",               // the demo chain (gateway)
        "ASPNETCORE_HTTP_PORTS",    // Kestrel
        "OTEL_EXPORTER_OTLP_ENDPOINT", // traces exported with OTLP when set (CrmObservabilityExtensions)
        "ASPNETCORE_ENVIRONMENT",
        "DOTNET_ENVIRONMENT",
    ];

    /// <summary>
    /// Orleans's own options that the silo binds from a subsection of ours: <c>Orleans:Membership</c> →
    /// <see cref="ClusterMembershipOptions"/> (CrmHostingExtensions.AddCrmSilo). Only their real properties are allowed.
    /// </summary>
    private static readonly (string Section, Type Options)[] OrleansSubsections =
    [
        ("Orleans__Membership", typeof(ClusterMembershipOptions)),
    ];

    /// <summary>Prefixes of framework-owned sections (logging levels and formatters).</summary>
    private static readonly string[] FrameworkPrefixes = ["Logging__"];

    private static readonly Lazy<IReadOnlySet<string>> Keys = new(Discover);
    private static readonly Lazy<IReadOnlyList<Regex>> ListKeys = new(DiscoverLists);

    /// <summary>The options classes found, with the section each binds.</summary>
    public static IEnumerable<(string Section, Type Options)> OptionsTypes =>
        new[] { typeof(Orleans.Crm.Silo.SiloProgram).Assembly, typeof(Orleans.Crm.Grains.GrainOptions).Assembly, typeof(Program).Assembly }
            .Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true, FieldType: var f } && f == typeof(string))
            .Select(t => ((string)t.GetField("Section")!.GetRawConstantValue()!, t))
            .Append(("HostOptions", typeof(HostOptions)))
            .Concat(OrleansSubsections);

    /// <summary>
    /// True when the app reads this environment variable: as a configuration key, or (with
    /// <paramref name="kubernetesHosting"/>, i.e. a silo with <c>Orleans:Kubernetes</c>) as one of Orleans's Kubernetes
    /// hosting variables.
    /// </summary>
    public static bool IsKnown(string name, bool kubernetesHosting) =>
        Keys.Value.Contains(name)
        || (kubernetesHosting && KubernetesHostingVariables.Contains(name))
        || ListKeys.Value.Any(r => r.IsMatch(name))
        || FrameworkPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>All known keys, for messages.</summary>
    public static IEnumerable<string> Describe() => Keys.Value.Order(StringComparer.Ordinal);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    private static IEnumerable<PropertyInfo> Lists(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType));

    private static IReadOnlySet<string> Discover() =>
        OptionsTypes.SelectMany(o => KeysOf(o.Section.Replace(":", "__", StringComparison.Ordinal), o.Options))
            .Concat(DirectKeys)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The keys of an options class; a property that is itself one of our options classes (e.g.
    /// <c>Auth:BootstrapAdmin</c>) contributes its own properties' keys below it.</summary>
    private static IEnumerable<string> KeysOf(string prefix, Type options) =>
        Settable(options).Where(p => !Lists(options).Contains(p)).SelectMany(p =>
            p.PropertyType.IsClass && p.PropertyType != typeof(string) && p.PropertyType.Namespace?.StartsWith("Orleans.Crm", StringComparison.Ordinal) == true
                ? KeysOf($"{prefix}__{p.Name}", p.PropertyType)
                : [$"{prefix}__{p.Name}"]);

    /// <summary>Lists take indexes (<c>__0</c>); dictionaries (e.g. <c>Security:DataKeys:Keys</c>) take names.</summary>
    private static IReadOnlyList<Regex> DiscoverLists() =>
        [.. OptionsTypes.SelectMany(o => Lists(o.Options).Select(p => new Regex(
            $"^{Regex.Escape(o.Section.Replace(":", "__", StringComparison.Ordinal))}__{Regex.Escape(p.Name)}__{(typeof(IDictionary).IsAssignableFrom(p.PropertyType) ? "[A-Za-z0-9_-]+" : "[0-9]+")}$",
            RegexOptions.CultureInvariant)))];
}
