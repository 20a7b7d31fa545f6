using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;

namespace Orleans.Crm.Tests.Deployment;

/// <summary>
/// The configuration keys the apps actually read, in environment-variable form (<c>Section__Key</c>), found by
/// reflection over the options classes of the silo and gateway assemblies (every public type with a
/// <c>public const string Section</c>), plus the few keys read directly.
/// </summary>
public static class AppConfiguration
{
    /// <summary>The port both apps listen on in their containers (ASPNETCORE_HTTP_PORTS, the image default).</summary>
    public const int HttpPort = 8080;

    /// <summary>The liveness endpoint (never touches the database).</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness endpoint (false while draining or when PostgreSQL is unreachable).</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>The default drain bound (HostOptions.ShutdownTimeout) when the manifests do not set one.</summary>
    public static TimeSpan DefaultShutdownTimeout { get; } = new HostOptions().ShutdownTimeout;

    /// <summary>Keys read outside options classes.</summary>
    private static readonly string[] DirectKeys =
    [
        "ConnectionStrings__Crm",   // configuration.GetConnectionString("Crm")
        "Demo__Seed",               // the demo chain (gateway)
        "ASPNETCORE_HTTP_PORTS",    // Kestrel
        "ASPNETCORE_ENVIRONMENT",
        "DOTNET_ENVIRONMENT",
    ];

    /// <summary>Prefixes of framework-owned sections (logging levels and formatters).</summary>
    private static readonly string[] FrameworkPrefixes = ["Logging__"];

    private static readonly Lazy<IReadOnlySet<string>> Keys = new(Discover);
    private static readonly Lazy<IReadOnlyList<Regex>> ListKeys = new(DiscoverLists);

    /// <summary>The options classes found (for the failure message).</summary>
    public static IEnumerable<Type> OptionsTypes =>
        new[] { typeof(Orleans.Crm.Silo.SiloProgram).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true, FieldType: var f } && f == typeof(string))
            .Append(typeof(HostOptions));

    /// <summary>True when an app reads this environment variable as a configuration key.</summary>
    public static bool IsKnown(string name) =>
        Keys.Value.Contains(name)
        || ListKeys.Value.Any(r => r.IsMatch(name))
        || FrameworkPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>All known keys, for messages.</summary>
    public static IEnumerable<string> Describe() => Keys.Value.Order(StringComparer.Ordinal);

    private static string SectionOf(Type type) =>
        type == typeof(HostOptions) ? "HostOptions" : (string)type.GetField("Section")!.GetRawConstantValue()!;

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    private static IEnumerable<PropertyInfo> Lists(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType));

    private static IReadOnlySet<string> Discover() =>
        OptionsTypes.SelectMany(t => Settable(t).Where(p => !Lists(t).Contains(p)).Select(p => $"{SectionOf(t)}__{p.Name}"))
            .Concat(DirectKeys)
            .ToHashSet(StringComparer.Ordinal);

    private static IReadOnlyList<Regex> DiscoverLists() =>
        [.. OptionsTypes.SelectMany(t => Lists(t).Select(p => new Regex($"^{Regex.Escape(SectionOf(t))}__{Regex.Escape(p.Name)}__[0-9]+$", RegexOptions.CultureInvariant)))];
}
