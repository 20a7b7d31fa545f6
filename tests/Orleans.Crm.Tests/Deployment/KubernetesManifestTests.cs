using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Crm.Tests.Deployment;

/// <summary>Renders k8s/base and both overlays once (with <c>kubectl kustomize</c>) for all manifest tests.</summary>
public sealed class KubernetesOverlays
{
    private readonly Lazy<IReadOnlyDictionary<string, RenderedManifests>> _rendered = new(() =>
        new[] { "base", "overlays/dev", "overlays/prod" }.ToDictionary(d => d, RenderedManifests.Render));

    /// <summary>The rendering of k8s/<paramref name="directory"/>.</summary>
    public RenderedManifests this[string directory] => _rendered.Value[directory];
}

/// <summary>
/// The Kubernetes manifests agree with the apps: ports, health paths, configuration keys and env var names that the
/// silo and gateway actually read, Orleans's Kubernetes hosting (pod identity, labels, RBAC), one cluster identity
/// everywhere; secrets come from Secrets; dev tokens are never on; rolls and drains are safe.
/// </summary>
public sealed class KubernetesManifestTests(KubernetesOverlays overlays) : IClassFixture<KubernetesOverlays>
{
    private const string Silo = "orleans-crm-silo";
    private const string Gateway = "orleans-crm-gateway";

    /// <summary>Secrets an overlay uses without rendering them: created out of band (documented in the overlay).</summary>
    private static readonly Dictionary<string, string[]> ExternalSecrets = new()
    {
        ["overlays/dev"] = [],
        ["overlays/prod"] = ["orleans-crm-secrets"],
    };

    /// <summary>The keys of CloudNativePG's generated &lt;cluster&gt;-app Secret.</summary>
    private static readonly string[] CnpgAppSecretKeys = ["username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass"];

    /// <summary>
    /// The Kubernetes API calls of Orleans's KubernetesClusterAgent (10.4.2), as RBAC verbs on pods of its namespace:
    /// read its own pod (get) and merge-patch its orleans/* labels (patch); list and watch the pods carrying the
    /// cluster's orleans/serviceId and orleans/clusterId labels. Deleting the pods of dead silos (delete) comes on top,
    /// only with <see cref="KubernetesHostingOptions.DeleteDefunctSiloPods"/>.
    /// </summary>
    private static readonly string[] KubernetesAgentVerbs = ["get", "list", "patch", "watch"];

    /// <summary>Where the manifests expect Prometheus: kube-prometheus-stack's namespace and pod label (network-policies.yaml).</summary>
    private const string PrometheusNamespace = "monitoring";

    private static readonly JsonObject PrometheusLabels = new() { ["app.kubernetes.io/name"] = "prometheus" };

    /// <summary>A Kubernetes label value: at most 63 characters, alphanumeric at both ends.</summary>
    private static readonly Regex LabelValue = new("^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

    public static TheoryData<string> Overlays => new() { "overlays/dev", "overlays/prod" };

    public static TheoryData<string, string> OverlayDeployables => new()
    {
        { "overlays/dev", Silo }, { "overlays/dev", Gateway },
        { "overlays/prod", Silo }, { "overlays/prod", Gateway },
    };

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void TheContainerListensOn8080AndEveryProbeHitsTheRealHealthPathsOnIt(string overlay, string app)
    {
        var m = overlays[overlay];
        var container = OnlyContainer(m, app);

        Assert.Contains(container["ports"]!.AsArray(), p => (long?)p!["containerPort"] == AppConfiguration.HttpPort);
        var env = EffectiveEnv(m, container);
        if (env.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports))
        {
            Assert.Equal(AppConfiguration.HttpPort.ToString(CultureInfo.InvariantCulture), ports.Value);
        }

        foreach (var (probe, paths) in new[]
                 {
                     ("startupProbe", new[] { AppConfiguration.LivePath, AppConfiguration.ReadyPath }),
                     ("readinessProbe", new[] { AppConfiguration.ReadyPath }),
                     ("livenessProbe", new[] { AppConfiguration.LivePath }),
                 })
        {
            var httpGet = container[probe]?["httpGet"] ?? throw Fail($"{overlay} {app}: {probe} is missing or not an httpGet probe.");
            Assert.Contains((string?)httpGet["path"], paths);
            Assert.Equal(AppConfiguration.HttpPort, ResolvePort(container, httpGet["port"]));
        }

        // HTTP listens only after the hosted services have started: the silo has joined the cluster, the gateway's
        // Orleans client has connected to an active silo. Orleans gives a join MaxJoinAttemptTime and then stops the
        // silo itself; the startup probe must not restart the pod before that.
        var startup = container["startupProbe"]!;
        var budget = TimeSpan.FromSeconds(((long?)startup["periodSeconds"] ?? 10) * ((long?)startup["failureThreshold"] ?? 3));
        TimeSpan join;
        using (var silo = Services(m, Silo))
        {
            join = silo.Membership.MaxJoinAttemptTime;
        }

        Assert.True(budget > join, $"{overlay} {app}: the startup probe gives up after {budget.TotalSeconds} s, before a silo's join may end ({join.TotalSeconds} s).");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void OnlyTheGatewayHasAServiceAndItRoutesPort80ToItsHttpPortWithoutSessionAffinity(string overlay)
    {
        var m = overlays[overlay];
        var service = m.Get("Service", Gateway);
        Assert.True(Selects(service["spec"]!["selector"]!.AsObject(), Labels(m, Gateway)), $"{overlay}: Service {Gateway} does not select the gateway pods.");
        var servicePort = Assert.Single(service["spec"]!["ports"]!.AsArray());
        Assert.Equal(80L, (long?)servicePort!["port"]);
        Assert.Equal(AppConfiguration.HttpPort, ResolvePort(OnlyContainer(m, Gateway), servicePort["targetPort"] ?? servicePort["port"]));
        Assert.NotEqual("ClientIP", (string?)service["spec"]!["sessionAffinity"]);

        // Silos are reached by pod IP from the membership table, never through a Service (which would balance them).
        var silos = m.OfKind("Service").Where(s => s["spec"]?["selector"] is JsonObject selector && Selects(selector, Labels(m, Silo)));
        Assert.Empty(silos.Select(s => (string?)s["metadata"]!["name"]));
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void EveryEnvironmentVariableIsAConfigurationKeyTheAppsRead(string overlay, string app)
    {
        var m = overlays[overlay];
        var env = EffectiveEnv(m, OnlyContainer(m, app));
        var referenced = env.Values.SelectMany(v => References(v.Value)).ToHashSet(StringComparer.Ordinal);

        var unknown = env.Keys
            .Where(k => !AppConfiguration.IsKnown(k, kubernetesHosting: app == Silo) && !referenced.Contains(k))
            .ToList();

        Assert.True(unknown.Count == 0,
            $"{overlay} {app}: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a configuration key" : "are not configuration keys")} the app reads " +
            $"(nor helper variables used in another value). Known: {string.Join(", ", AppConfiguration.Describe())}, Section__List__N, Logging__*" +
            $"{(app == Silo ? ", " + string.Join(", ", AppConfiguration.KubernetesHostingVariables) : "")}.");
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void EachAppAcceptsItsRenderedConfigurationAtStart(string overlay, string app)
    {
        var m = overlays[overlay];
        using var services = Services(m, app);
        var failure = Record.Exception(services.ValidateAsAtStart);
        Assert.True(failure is null, $"{overlay} {app}: the app would refuse to start with the rendered configuration: {failure?.Message}");
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void VariablesExpandedInAValueAreDefinedBeforeIt(string overlay, string app)
    {
        var m = overlays[overlay];
        var container = OnlyContainer(m, app);
        var defined = EnvFromNames(m, container).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            var name = (string)entry!["name"]!;
            foreach (var reference in References((string?)entry["value"]))
            {
                Assert.True(defined.Contains(reference),
                    $"{overlay} {app}: {name} uses $({reference}), which is not defined before it (Kubernetes would leave it unexpanded).");
            }

            defined.Add(name);
        }
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void StorageIsPostgresAndTheConnectionStringComesFromASecret(string overlay, string app)
    {
        var m = overlays[overlay];
        var env = EffectiveEnv(m, OnlyContainer(m, app));

        Assert.Equal("postgres", Value(env, "Storage__Provider", overlay, app));
        var connection = env.GetValueOrDefault("ConnectionStrings__Crm") ?? throw Fail($"{overlay} {app}: ConnectionStrings__Crm is not set.");
        if (connection.SecretRef is { } secret)
        {
            AssertSecretKeyExists(m, overlay, secret);
            return;
        }

        // Composed with $(VAR) expansion: the password must be a variable from a Secret, never a literal.
        var value = connection.Value ?? throw Fail($"{overlay} {app}: ConnectionStrings__Crm has neither a value nor a secretKeyRef.");
        var password = Regex.Match(value, @"(?i)(?:^|;)\s*Password\s*=\s*\$\((?<var>[A-Za-z_][A-Za-z0-9_]*)\)\s*(?:;|$)");
        Assert.True(password.Success, $"{overlay} {app}: ConnectionStrings__Crm must take its password from a variable: {value}");
        foreach (var reference in References(value))
        {
            var source = env.GetValueOrDefault(reference) ?? throw Fail($"{overlay} {app}: ConnectionStrings__Crm uses undefined $({reference}).");
            if (reference == password.Groups["var"].Value)
            {
                AssertSecretKeyExists(m, overlay, source.SecretRef ?? throw Fail($"{overlay} {app}: {reference} (the database password) is not from a Secret."));
            }
            else if (source.SecretRef is { } reffed)
            {
                AssertSecretKeyExists(m, overlay, reffed);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheGatewaySigningKeyComesFromASecretAndTheSiloGetsNone(string overlay)
    {
        var m = overlays[overlay];
        var gateway = EffectiveEnv(m, OnlyContainer(m, Gateway));
        var key = gateway.GetValueOrDefault("Auth__SigningKey") ?? throw Fail($"{overlay}: the gateway has no Auth__SigningKey.");
        var secret = key.SecretRef ?? throw Fail($"{overlay}: Auth__SigningKey must come from a Secret (secretKeyRef), not a literal.");
        var value = AssertSecretKeyExists(m, overlay, secret);
        if (value is not null)
        {
            Assert.True(Encoding.UTF8.GetByteCount(value) >= 32, $"{overlay}: the rendered Auth__SigningKey is shorter than 32 bytes: the gateway would refuse to start.");
        }

        Assert.DoesNotContain("Auth__SigningKey", EffectiveEnv(m, OnlyContainer(m, Silo)).Keys);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void StaffCanSignInWithBuiltInAccountsAndTheFirstHqAccountComesFromASecret(string overlay)
    {
        var m = overlays[overlay];
        var gateway = EffectiveEnv(m, OnlyContainer(m, Gateway));
        Assert.Equal("builtin", Value(gateway, "Auth__Accounts", overlay, Gateway), ignoreCase: true);
        foreach (var name in new[] { "Auth__BootstrapAdmin__UserId", "Auth__BootstrapAdmin__Password" })
        {
            var variable = gateway.GetValueOrDefault(name) ?? throw Fail($"{overlay}: the gateway has no {name}: an empty system would have no account to sign in with.");
            var secret = variable.SecretRef ?? throw Fail($"{overlay}: {name} must come from a Secret (secretKeyRef), not a literal.");
            if (AssertSecretKeyExists(m, overlay, secret) is { } value && name.EndsWith("Password", StringComparison.Ordinal))
            {
                // Identity's rules (Auth:PasswordMinLength 8, a digit, a lower- and an upper-case letter), or the gateway refuses to start.
                Assert.True(value.Length >= 8 && value.Any(char.IsDigit) && value.Any(char.IsLower) && value.Any(char.IsUpper), $"{overlay}: the rendered bootstrap password breaks the password rules.");
            }
        }

        Assert.DoesNotContain("Auth__BootstrapAdmin__Password", EffectiveEnv(m, OnlyContainer(m, Silo)).Keys);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheSiloIdentityKeyComesFromASecretAndTheGatewayGetsNone(string overlay)
    {
        var m = overlays[overlay];
        var silo = EffectiveEnv(m, OnlyContainer(m, Silo));
        var key = silo.GetValueOrDefault("Security__IdentityKey") ?? throw Fail($"{overlay}: the silo has no Security__IdentityKey.");
        var secret = key.SecretRef ?? throw Fail($"{overlay}: Security__IdentityKey must come from a Secret (secretKeyRef), not a literal.");
        var value = AssertSecretKeyExists(m, overlay, secret);
        if (value is not null)
        {
            Assert.True(Encoding.UTF8.GetByteCount(value) >= 32, $"{overlay}: the rendered Security__IdentityKey is shorter than 32 bytes: the silo would refuse to start.");
        }

        Assert.DoesNotContain("Security__IdentityKey", EffectiveEnv(m, OnlyContainer(m, Gateway)).Keys);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheSiloDataKeysComeFromASecretTheCurrentOneIsAmongThemAndTheGatewayGetsNone(string overlay)
    {
        var m = overlays[overlay];
        var silo = EffectiveEnv(m, OnlyContainer(m, Silo));
        const string prefix = "Security__DataKeys__Keys__";
        var keys = silo.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.True(keys.Count > 0, $"{overlay}: the silo has no data key ({prefix}<id>): on PostgreSQL it would refuse to start.");
        foreach (var (name, key) in keys)
        {
            var secret = key.SecretRef ?? throw Fail($"{overlay}: {name} must come from a Secret (secretKeyRef), not a literal.");
            if (AssertSecretKeyExists(m, overlay, secret) is { } value)
            {
                Assert.True(Convert.TryFromBase64String(value, new byte[33], out var length) && length == 32, $"{overlay}: the rendered {name} is not base64 of 32 bytes.");
            }
        }

        var current = silo.GetValueOrDefault("Security__DataKeys__Current")?.Value ?? throw Fail($"{overlay}: the silo has no Security__DataKeys__Current.");
        Assert.Contains(prefix + current, keys.Select(k => k.Key));
        Assert.DoesNotContain(EffectiveEnv(m, OnlyContainer(m, Gateway)).Keys, k => k.StartsWith("Security__DataKeys", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void GatewaysAreOrleansClientsThatOpenNoOrleansPorts(string overlay)
    {
        var m = overlays[overlay];
        var container = OnlyContainer(m, Gateway);
        var env = EffectiveEnv(m, container);

        Assert.Equal("false", Value(env, "Orleans__CoHostSilo", overlay, Gateway), ignoreCase: true);
        using (var gateway = Services(m, Gateway))
        {
            Assert.True(gateway.IsAClientOnly, $"{overlay}: the gateway's configuration would start a silo in the gateway, not an Orleans client.");
            Assert.False(gateway.RunsTheKubernetesAgent);
        }

        // HTTP, and the management endpoint (/metrics) when there is one: no Orleans port.
        IReadOnlyList<int> management;
        using (var gateway = Services(m, Gateway))
        {
            management = gateway.ManagementPorts;
        }

        Assert.All(container["ports"]!.AsArray(), p => Assert.Contains((int)(long)p!["containerPort"]!, management.Append(AppConfiguration.HttpPort)));
        var siloOnly = AppConfiguration.KubernetesHostingVariables
            .Concat(["Orleans__Kubernetes", "Orleans__SiloPort", "Orleans__GatewayPort", "Orleans__AdvertisedIP"]);
        Assert.Empty(env.Keys.Intersect(siloOnly));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SilosRunOrleansKubernetesHostingWithTheirIdentityFromTheDownwardApi(string overlay)
    {
        var m = overlays[overlay];
        var env = EffectiveEnv(m, OnlyContainer(m, Silo));

        Assert.Equal("true", Value(env, "Orleans__Kubernetes", overlay, Silo), ignoreCase: true);
        using (var silo = Services(m, Silo))
        {
            Assert.True(silo.RunsASilo);
            Assert.True(silo.RunsTheKubernetesAgent, $"{overlay}: the silo's configuration does not turn on UseKubernetesHosting().");

            // Orleans advertises POD_IP only when no address is configured.
            Assert.Null(silo.Settings.AdvertisedAddress);
        }

        foreach (var (variable, field) in new[]
                 {
                     (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
                     (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
                     (KubernetesHostingOptions.PodIPEnvironmentVariable, "status.podIP"),
                 })
        {
            var entry = env.GetValueOrDefault(variable) ?? throw Fail($"{overlay}: the silo does not set {variable} (Orleans's Kubernetes hosting reads it).");
            Assert.True(entry.FieldPath == field, $"{overlay}: {variable} must come from the downward API field {field}, not {entry.FieldPath ?? entry.Value}.");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloPodsOpenTheOrleansSiloAndGatewayPortsTheSiloListensOn(string overlay)
    {
        var m = overlays[overlay];
        var container = OnlyContainer(m, Silo);
        using var silo = Services(m, Silo);

        // The ports the silo binds: OrleansSettings's defaults (11111, 30000) unless the manifests set Orleans__*Port,
        // HTTP, and the management endpoint's (Management__Urls).
        var settings = silo.Settings;
        var opened = container["ports"]!.AsArray().Select(p => (int)(long)p!["containerPort"]!).Order().ToArray();
        Assert.Equal(new[] { AppConfiguration.HttpPort, settings.SiloPort, settings.GatewayPort }.Concat(silo.ManagementPorts).Order().ToArray(), opened);
        Assert.All(container["ports"]!.AsArray(), p => Assert.Equal("TCP", (string?)p!["protocol"] ?? "TCP"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheServiceIdAndClusterIdHaveOneSourceAndAgreeInLabelsAndEveryProcess(string overlay)
    {
        var m = overlays[overlay];
        var labels = Labels(m, Silo);
        var siloEnv = EffectiveEnv(m, OnlyContainer(m, Silo));
        var gatewayEnv = EffectiveEnv(m, OnlyContainer(m, Gateway));
        using var silo = Services(m, Silo);
        using var gateway = Services(m, Gateway);

        var identity = new (string Label, string Variable, string Key, Func<ClusterOptions, string> Of)[]
        {
            (KubernetesHostingOptions.ServiceIdLabel, KubernetesHostingOptions.ServiceIdEnvironmentVariable, "Orleans__ServiceId", c => c.ServiceId),
            (KubernetesHostingOptions.ClusterIdLabel, KubernetesHostingOptions.ClusterIdEnvironmentVariable, "Orleans__ClusterId", c => c.ClusterId),
        };
        var selector = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, variable, key, of) in identity)
        {
            var value = (string?)labels[label] ?? throw Fail($"{overlay}: the silo pods have no {label} label (Orleans's Kubernetes agent selects them by it).");
            Assert.Matches(LabelValue, value);
            selector[label] = value;

            // One source: the app's key and the variable Kubernetes hosting overrides ClusterOptions with are the same
            // ConfigMap key, in silos and gateways alike, so they cannot drift.
            var source = siloEnv.GetValueOrDefault(key)?.ConfigMapRef ?? throw Fail($"{overlay}: the silo's {key} must come from a ConfigMap (set explicitly, never the code default).");
            Assert.Equal(source, siloEnv.GetValueOrDefault(variable)?.ConfigMapRef ?? throw Fail($"{overlay}: the silo's {variable} must read {source.Key} of ConfigMap {source.Name}."));
            Assert.Equal(source, gatewayEnv.GetValueOrDefault(key)?.ConfigMapRef ?? throw Fail($"{overlay}: the gateway's {key} must read {source.Key} of ConfigMap {source.Name}."));

            Assert.Equal(value, siloEnv[variable].Value);
            Assert.Equal(value, of(silo.Cluster));
            Assert.Equal(value, of(gateway.Cluster));
        }

        // Only silo pods carry the agent's selector: any other pod would be reported as an unknown silo.
        var others = m.OfKind("Deployment").Concat(m.OfKind("StatefulSet"))
            .Where(w => (string?)w["metadata"]!["name"] != Silo)
            .Where(w => w["spec"]!["template"]!["metadata"]?["labels"] is JsonObject l && selector.All(kv => (string?)l[kv.Key] == kv.Value))
            .Select(w => (string?)w["metadata"]!["name"]);
        Assert.Empty(others);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheSilosServiceAccountHasExactlyThePodRightsOrleansKubernetesAgentNeeds(string overlay)
    {
        var m = overlays[overlay];
        var ns = Namespace(m);
        var pod = PodTemplate(m, Silo)["spec"]!;
        var account = (string)pod["serviceAccountName"]!;
        Assert.True(MountsToken(m, pod), $"{overlay}: the silo pods mount no ServiceAccount token: the Kubernetes agent cannot authenticate.");

        HashSet<string> needed;
        using (var silo = Services(m, Silo))
        {
            needed = [.. KubernetesAgentVerbs];
            if (silo.KubernetesHosting().DeleteDefunctSiloPods)
            {
                needed.Add("delete");
            }
        }

        var binding = Assert.Single(m.OfKind("RoleBinding"), b => BindsServiceAccount(b, account, ns));
        Assert.Equal("Role", (string?)binding["roleRef"]!["kind"]);
        var role = m.Get("Role", (string)binding["roleRef"]!["name"]!);
        var rule = Assert.Single(role["rules"]!.AsArray())!;
        Assert.Equal(new[] { "" }, Strings(rule["apiGroups"]));
        Assert.Equal(new[] { "pods" }, Strings(rule["resources"]));
        Assert.Null(rule["resourceNames"]);
        Assert.True(needed.SetEquals(Strings(rule["verbs"])),
            $"{overlay}: Role {role["metadata"]!["name"]} grants [{string.Join(", ", Strings(rule["verbs"]))}] on pods; the agent needs exactly [{string.Join(", ", needed.Order())}].");

        // Namespace-scoped only, and the gateway gets no rights at all.
        Assert.Empty(m.OfKind("ClusterRole"));
        Assert.Empty(m.OfKind("ClusterRoleBinding"));
        var gatewayAccount = (string)PodTemplate(m, Gateway)["spec"]!["serviceAccountName"]!;
        Assert.DoesNotContain(m.OfKind("RoleBinding"), b => BindsServiceAccount(b, gatewayAccount, ns));
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void DevTokensAndTheDemoSeedAreExplicitlyOff(string overlay, string app)
    {
        var m = overlays[overlay];
        var env = EffectiveEnv(m, OnlyContainer(m, app));

        Assert.Equal("false", Value(env, "Auth__DevTokens", overlay, app), ignoreCase: true);
        Assert.Equal("false", Value(env, "Demo__Seed", overlay, app), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NothingRenderedAnywhereTurnsDevTokensOrTheDemoSeedOn(string overlay)
    {
        var m = overlays[overlay];
        var settings = m.OfKind("ConfigMap").SelectMany(c => c["data"]?.AsObject() ?? [])
            .Select(kv => (kv.Key, Value: (string?)kv.Value))
            .Concat(m.OfKind("Deployment").SelectMany(d => d["spec"]!["template"]!["spec"]!["containers"]!.AsArray())
                .SelectMany(c => c!["env"]?.AsArray() ?? []).Select(e => ((string)e!["name"]!, (string?)e["value"])));

        foreach (var (key, value) in settings)
        {
            if (key.Replace(":", "__", StringComparison.Ordinal) is "Auth__DevTokens" or "Demo__Seed")
            {
                Assert.False(string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase), $"{overlay}: {key} is true.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NothingRefersToTheOldGrainRuntime(string overlay)
    {
        var rendered = string.Join('\n', overlays[overlay].Resources.Select(r => r.ToJsonString()));
        foreach (var old in new[] { "Silo__Endpoints", "Runtime__", "/internal/grains", "crm_commit" })
        {
            Assert.DoesNotContain(old, rendered, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void TheGracePeriodOutlastsThePreStopSleepPlusADrainThatHoldsOrleansGracefulShutdown(string overlay, string app)
    {
        var m = overlays[overlay];
        var pod = PodTemplate(m, app)["spec"]!;
        var container = OnlyContainer(m, app);

        var preStop = container["lifecycle"]?["preStop"] ?? throw Fail($"{overlay} {app}: no preStop hook.");
        var command = string.Join(' ', preStop["exec"]?["command"]?.AsArray().Select(c => (string?)c) ?? []);
        var sleep = preStop["sleep"]?["seconds"] is { } s
            ? (long)s
            : Regex.Match(command, @"(?:^|\s)sleep\s+([0-9]+)") is { Success: true } match
                ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw Fail($"{overlay} {app}: preStop is not a sleep.");
        TimeSpan drain;
        using (var services = Services(m, app))
        {
            drain = services.ShutdownTimeout;
        }

        var grace = (long?)pod["terminationGracePeriodSeconds"] ?? 30;

        Assert.True(sleep >= 1, $"{overlay} {app}: preStop sleeps {sleep} s.");
        Assert.True(grace > sleep + drain.TotalSeconds,
            $"{overlay} {app}: terminationGracePeriodSeconds {grace} must exceed preStop {sleep} s + drain {drain.TotalSeconds} s, or the kubelet kills a draining pod.");
        Assert.True(drain >= AppConfiguration.OrleansGracefulShutdown,
            $"{overlay} {app}: the drain ({drain.TotalSeconds} s) is shorter than Orleans's graceful shutdown needs ({AppConfiguration.OrleansGracefulShutdown.TotalSeconds} s).");
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void RollsNeverGoBelowTheWantedCount(string overlay, string app)
    {
        var spec = overlays[overlay].Get("Deployment", app)["spec"]!;
        Assert.Equal("RollingUpdate", (string?)spec["strategy"]!["type"]);
        Assert.Equal(0L, (long?)spec["strategy"]!["rollingUpdate"]!["maxUnavailable"]);
        Assert.True((long?)spec["strategy"]!["rollingUpdate"]!["maxSurge"] >= 1);
    }

    [Fact]
    public void ProdRunsAtLeastThreeSilosAndTwoGatewaysAndAutoscalesFromThere()
    {
        var m = overlays["overlays/prod"];
        foreach (var (app, minimum) in new[] { (Silo, 3L), (Gateway, 2L) })
        {
            Assert.True((long?)m.Get("Deployment", app)["spec"]!["replicas"] >= minimum, $"prod: {app} replicas < {minimum}.");
            var hpa = m.Get("HorizontalPodAutoscaler", app)["spec"]!;
            Assert.True((long?)hpa["minReplicas"] >= minimum, $"prod: {app} HPA minReplicas < {minimum}.");
            Assert.True((long?)hpa["maxReplicas"] > (long?)hpa["minReplicas"], $"prod: {app} HPA cannot scale out.");
            var pdb = m.Get("PodDisruptionBudget", app)["spec"]!;
            Assert.NotNull(pdb["minAvailable"]);
            Assert.True((long?)pdb["minAvailable"] < minimum, $"prod: {app} PDB minAvailable would block every node drain.");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void AutoscalersAndDisruptionBudgetsTargetDeploymentsThatExist(string overlay)
    {
        var m = overlays[overlay];
        var deployments = m.OfKind("Deployment").ToList();
        foreach (var app in new[] { Silo, Gateway })
        {
            Assert.Contains(m.OfKind("HorizontalPodAutoscaler"), h => (string?)h["spec"]!["scaleTargetRef"]!["name"] == app);
            Assert.Contains(m.OfKind("PodDisruptionBudget"), p => Selects(p["spec"]!["selector"]!["matchLabels"]!.AsObject(), Labels(m, app)));
        }

        foreach (var hpa in m.OfKind("HorizontalPodAutoscaler"))
        {
            Assert.Equal("autoscaling/v2", (string?)hpa["apiVersion"]);
            var target = hpa["spec"]!["scaleTargetRef"]!;
            Assert.Equal("Deployment", (string?)target["kind"]);
            Assert.Contains(deployments, d => (string?)d["metadata"]!["name"] == (string?)target["name"]);
            Assert.Contains(hpa["spec"]!["metrics"]!.AsArray(), x => (string?)x!["resource"]?["name"] == "cpu");
            var (min, max) = ((long?)hpa["spec"]!["minReplicas"] ?? 1, (long)hpa["spec"]!["maxReplicas"]!);
            Assert.True(min <= max, $"{overlay}: HPA {hpa["metadata"]!["name"]} min > max.");
            var replicas = (long?)deployments.Single(d => (string?)d["metadata"]!["name"] == (string?)target["name"])["spec"]!["replicas"] ?? 1;
            Assert.True(replicas >= min && replicas <= max, $"{overlay}: Deployment {target["name"]} replicas {replicas} outside its HPA's {min}..{max}.");
            Assert.NotNull(PodTemplate(m, (string)target["name"]!)["spec"]!["containers"]![0]!["resources"]?["requests"]?["cpu"]);
        }

        foreach (var pdb in m.OfKind("PodDisruptionBudget"))
        {
            var spec = pdb["spec"]!;
            Assert.True(spec["minAvailable"] is null ^ spec["maxUnavailable"] is null, $"{overlay}: PDB {pdb["metadata"]!["name"]} needs exactly one of minAvailable, maxUnavailable.");
            Assert.Contains(deployments, d => Selects(spec["selector"]!["matchLabels"]!.AsObject(), d["spec"]!["template"]!["metadata"]!["labels"]!.AsObject()));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NetworkPoliciesOpenOnlyTheOrleansDatabaseAndClientPaths(string overlay)
    {
        var m = overlays[overlay];
        var policies = m.OfKind("NetworkPolicy").ToList();
        var silo = Labels(m, Silo);
        var gateway = Labels(m, Gateway);
        int siloPort, gatewayPort;
        using (var services = Services(m, Silo))
        {
            (siloPort, gatewayPort) = (services.Settings.SiloPort, services.Settings.GatewayPort);
        }

        Assert.Contains(policies, p => p["spec"]!["podSelector"]!.AsObject().Count == 0
            && p["spec"]!["policyTypes"]!.AsArray().Any(t => (string?)t == "Ingress") && p["spec"]!["ingress"] is null);

        // Clients reach gateways; silos reach each other; gateways (Orleans clients) reach the silos' client gateway port.
        Assert.True(AllowsIngress(policies, gateway, from: null, AppConfiguration.HttpPort), $"{overlay}: nothing lets clients reach the gateway on {AppConfiguration.HttpPort}.");
        Assert.True(AllowsIngress(policies, silo, from: silo, siloPort) && AllowsEgress(policies, silo, to: silo, siloPort),
            $"{overlay}: silos cannot reach each other on the silo port {siloPort}.");
        Assert.True(AllowsIngress(policies, silo, from: gateway, gatewayPort) && AllowsEgress(policies, gateway, to: silo, gatewayPort),
            $"{overlay}: gateways cannot reach the silos' client gateway port {gatewayPort}.");

        // Nothing else reaches a silo: not everyone, not the gateways' old HTTP grain calls, not the silo-to-silo port.
        foreach (var port in new[] { siloPort, gatewayPort, AppConfiguration.HttpPort })
        {
            Assert.False(AllowsIngress(policies, silo, from: null, port), $"{overlay}: silo port {port} is open to everyone.");
        }

        Assert.False(AllowsIngress(policies, silo, from: gateway, AppConfiguration.HttpPort), $"{overlay}: gateways may still call silos over HTTP.");
        Assert.False(AllowsIngress(policies, silo, from: gateway, siloPort), $"{overlay}: gateways may reach the silo-to-silo port.");
        Assert.False(AllowsEgress(policies, gateway, to: silo, siloPort), $"{overlay}: gateway egress to the silo-to-silo port is allowed.");

        foreach (var (name, labels) in new[] { (Gateway, gateway), (Silo, silo) })
        {
            Assert.True(AllowsEgress(policies, labels, to: null, 5432), $"{overlay}: {name} egress to PostgreSQL (5432) is not allowed.");
            Assert.True(AllowsEgress(policies, labels, to: null, 53, "UDP"), $"{overlay}: {name} egress to DNS is not allowed.");
        }

        // The silos' Kubernetes agent talks to the API server.
        Assert.True(AllowsEgress(policies, silo, to: null, 443), $"{overlay}: silo egress to the Kubernetes API (443) is not allowed.");

        // The database's pods: the StatefulSet's, or the CloudNativePG Cluster's (labelled cnpg.io/cluster).
        var databases = m.OfKind("StatefulSet").Select(s => s["spec"]!["template"]!["metadata"]!["labels"]!.AsObject())
            .Concat(m.OfKind("Cluster").Select(c => new JsonObject { ["cnpg.io/cluster"] = (string?)c["metadata"]!["name"] }))
            .ToList();
        Assert.NotEmpty(databases);
        foreach (var database in databases)
        {
            Assert.True(AllowsIngress(policies, database, from: silo, 5432) && AllowsIngress(policies, database, from: gateway, 5432),
                $"{overlay}: silos and gateways cannot reach PostgreSQL pods {database.ToJsonString()} on 5432.");
        }
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void MetricsAreScrapedOnlyFromTheManagementPortWhichOnlyPrometheusReachesAndNoServiceOrIngressRoutesTo(string overlay, string app)
    {
        var m = overlays[overlay];
        var container = OnlyContainer(m, app);
        int port;
        using (var services = Services(m, app))
        {
            // The app listens there (Management__Urls, validated at start) and answers /metrics there only.
            port = Assert.Single(services.ManagementPorts);
        }

        Assert.NotEqual(AppConfiguration.HttpPort, port);
        Assert.Contains(container["ports"]!.AsArray(), p => (long?)p!["containerPort"] == port && (string?)p["name"] == "management");

        // Prometheus's pod discovery scrapes each pod there, at the path the app serves.
        var annotations = PodTemplate(m, app)["metadata"]!["annotations"]?.AsObject() ?? throw Fail($"{overlay} {app}: the pods carry no annotations.");
        Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), (string?)annotations["prometheus.io/port"]);
        Assert.Equal(Orleans.Crm.Silo.Hosting.CrmObservabilityExtensions.MetricsPath, (string?)annotations["prometheus.io/path"]);

        // Only Prometheus (its pods in the monitoring namespace) may connect: not everyone, not the other app's pods.
        var policies = m.OfKind("NetworkPolicy").ToList();
        var labels = Labels(m, app);
        Assert.True(AllowsIngressFromNamespace(policies, labels, PrometheusNamespace, PrometheusLabels, port), $"{overlay} {app}: no NetworkPolicy admits Prometheus to {port}.");
        Assert.False(AllowsIngress(policies, labels, from: null, port), $"{overlay} {app}: the management port {port} is open to everyone.");
        Assert.False(AllowsIngressFromNamespace(policies, labels, "elsewhere", PrometheusLabels, port), $"{overlay} {app}: the management port {port} is open to pods of any namespace.");
        foreach (var other in new[] { Silo, Gateway })
        {
            Assert.False(AllowsIngress(policies, labels, from: Labels(m, other), port), $"{overlay} {app}: {other} pods may reach the management port {port}.");
        }

        // No Service (so no Ingress either) routes to it.
        foreach (var service in m.OfKind("Service").Where(s => s["spec"]?["selector"] is JsonObject selector && Selects(selector, labels)))
        {
            Assert.All(service["spec"]!["ports"]!.AsArray(), p => Assert.NotEqual(port, ResolvePort(container, p!["targetPort"] ?? p["port"])));
        }

        foreach (var ingress in m.OfKind("Ingress"))
        {
            var backends = ingress.ToJsonString();
            Assert.DoesNotContain($"\"number\":{port}", backends, StringComparison.Ordinal);
            Assert.DoesNotContain("\"name\":\"management\"", backends, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheBaseReferencesTheImagesByTheirConfigurableNames()
    {
        var m = overlays["base"];
        Assert.Matches($"^{Silo}(:[^/]+)?$", (string?)OnlyContainer(m, Silo)["image"]);
        Assert.Matches($"^{Gateway}(:[^/]+)?$", (string?)OnlyContainer(m, Gateway)["image"]);
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void OverlaysOnlyRetagOrRelocateTheConfigurableImage(string overlay, string app)
    {
        var image = (string)OnlyContainer(overlays[overlay], app)["image"]!;
        var repository = Regex.Replace(image, "(@sha256:[0-9a-f]+|:[^/:]+)$", "");
        Assert.Equal(app, repository.Split('/')[^1]);
        Assert.DoesNotMatch(":latest$", image);
    }

    [Theory]
    [MemberData(nameof(OverlayDeployables))]
    public void PodsRunNonRootReadOnlyWithoutCapabilitiesAndOnlySilosMountAServiceAccountToken(string overlay, string app)
    {
        var m = overlays[overlay];
        var pod = PodTemplate(m, app)["spec"]!;
        var container = OnlyContainer(m, app);

        Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true || (bool?)container["securityContext"]?["runAsNonRoot"] == true);
        // The silo's Kubernetes agent authenticates with the token; the gateway never talks to the API.
        Assert.Equal(app == Silo, MountsToken(m, pod));
        var account = m.Get("ServiceAccount", (string)pod["serviceAccountName"]!);
        Assert.False((bool?)account["automountServiceAccountToken"] ?? true, $"{overlay}: ServiceAccount {account["metadata"]!["name"]} mounts tokens into every pod that uses it; opt in per pod template.");
        Assert.True((bool?)container["securityContext"]?["readOnlyRootFilesystem"]);
        Assert.False((bool?)container["securityContext"]?["allowPrivilegeEscalation"] ?? true);
        Assert.Contains(container["securityContext"]?["capabilities"]?["drop"]?.AsArray() ?? [], c => (string?)c == "ALL");
        Assert.Contains(container["volumeMounts"]?.AsArray() ?? [], v => (string?)v!["mountPath"] == "/tmp");
        Assert.NotNull(container["resources"]?["requests"]?["memory"]);
        Assert.NotNull(container["resources"]?["limits"]?["memory"]);
        Assert.True(pod["topologySpreadConstraints"] is not null || pod["affinity"]?["podAntiAffinity"] is not null, $"{overlay} {app}: replicas are not spread.");
    }

    [Fact]
    public void ProdRunsPostgreSqlOnTheOperatorAndRendersNoPlaceholderSecret()
    {
        var m = overlays["overlays/prod"];
        var cluster = Assert.Single(m.OfKind("Cluster"));
        Assert.Equal("postgresql.cnpg.io/v1", (string?)cluster["apiVersion"]);
        Assert.Equal(3L, (long?)cluster["spec"]!["instances"]);
        Assert.NotNull(cluster["spec"]!["storage"]?["size"]);
        Assert.Empty(m.OfKind("StatefulSet"));
        Assert.Null(m.Find("Secret", "orleans-crm-secrets"));
        Assert.DoesNotContain(m.OfKind("Secret"), s => s.ToJsonString().Contains("REPLACE-ME", StringComparison.Ordinal));

        // Silos (membership, state, reminders) and gateways (membership: where the silos are) use the operator's database.
        Assert.All(new[] { Silo, Gateway }, app =>
            Assert.Equal($"{cluster["metadata"]!["name"]}-app", DatabasePasswordSecret(m, app)));
    }

    [Fact]
    public void ProdBacksUpItsPostgreSqlClusterDailyToAnObjectStoreWithCredentialsFromASecret()
    {
        var m = overlays["overlays/prod"];
        var cluster = Assert.Single(m.OfKind("Cluster"));
        var store = cluster["spec"]!["backup"]?["barmanObjectStore"];
        Assert.NotNull(store);
        Assert.StartsWith("s3://", (string?)store["destinationPath"] ?? "", StringComparison.Ordinal);
        foreach (var key in new[] { "accessKeyId", "secretAccessKey" })
        {
            Assert.Equal("orleans-crm-pg-backup", (string?)store["s3Credentials"]?[key]?["name"]);
            Assert.False(string.IsNullOrEmpty((string?)store["s3Credentials"]?[key]?["key"]), $"s3Credentials.{key} names no key.");
        }

        // The credentials Secret is created out of band, never rendered with a placeholder.
        Assert.Null(m.Find("Secret", "orleans-crm-pg-backup"));

        var scheduled = Assert.Single(m.OfKind("ScheduledBackup"));
        Assert.Equal("postgresql.cnpg.io/v1", (string?)scheduled["apiVersion"]);
        Assert.Equal((string?)cluster["metadata"]!["name"], (string?)scheduled["spec"]!["cluster"]?["name"]);
        Assert.Equal((string?)cluster["metadata"]!["namespace"], (string?)scheduled["metadata"]!["namespace"]);
        Assert.Equal("barmanObjectStore", (string?)scheduled["spec"]!["method"]);

        // Daily: CloudNativePG's six-field cron (seconds first) with day-of-month, month and day-of-week all '*'.
        var fields = ((string?)scheduled["spec"]!["schedule"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, fields.Length);
        Assert.All(fields[..3], f => Assert.Matches("^[0-9]+$", f));
        Assert.All(fields[3..], f => Assert.Equal("*", f));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheGatewayTrustsForwardedHeadersOnlyFromTheConfiguredPodNetwork(string overlay)
    {
        var m = overlays[overlay];
        var env = EffectiveEnv(m, OnlyContainer(m, Gateway));
        Assert.True(System.Net.IPNetwork.TryParse(env["Network__KnownNetworks__0"].Value, out _), $"{overlay}: Network__KnownNetworks__0 is not a CIDR network.");
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Network__KnownNetworks__", StringComparison.Ordinal) && env[k].Value is "0.0.0.0/0" or "::/0");
    }

    [Fact]
    public void DevRunsAPlainPostgreSqlStatefulSetWithAHeadlessServiceAndPersistentStorage()
    {
        var m = overlays["overlays/dev"];
        var statefulSet = Assert.Single(m.OfKind("StatefulSet"));
        var service = m.Get("Service", (string)statefulSet["spec"]!["serviceName"]!);
        Assert.Equal("None", (string?)service["spec"]!["clusterIP"]);
        Assert.NotEmpty(statefulSet["spec"]!["volumeClaimTemplates"]!.AsArray());
        var container = statefulSet["spec"]!["template"]!["spec"]!["containers"]![0]!;
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            Assert.Contains("pg_isready", container[probe]?["exec"]?["command"]?.ToJsonString() ?? "", StringComparison.Ordinal);
        }

        Assert.All(new[] { Silo, Gateway }, app => Assert.Equal(1L, (long?)m.Get("Deployment", app)["spec"]!["replicas"]));

        // Both apps use this database: its password Secret, and its Service as the host.
        var postgresSecret = (string?)container["envFrom"]?[0]?["secretRef"]?["name"];
        Assert.All(new[] { Silo, Gateway }, app =>
        {
            Assert.Equal(postgresSecret, DatabasePasswordSecret(m, app));
            Assert.Matches($"(?i)(^|;)\\s*Host\\s*={service["metadata"]!["name"]}\\s*(;|$)", EffectiveEnv(m, OnlyContainer(m, app))["ConnectionStrings__Crm"].Value ?? "");
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryNamespacedResourceLandsInTheOverlaysOwnNamespace(string overlay)
    {
        var m = overlays[overlay];
        var ns = (string?)Assert.Single(m.OfKind("Namespace"))["metadata"]!["name"];
        Assert.All(m.Resources.Where(r => (string?)r["kind"] != "Namespace"), r => Assert.Equal(ns, (string?)r["metadata"]!["namespace"]));
        Assert.All(m.OfKind("RoleBinding").SelectMany(b => b["subjects"]!.AsArray()).Where(s => (string?)s!["kind"] == "ServiceAccount"),
            s => Assert.Equal(ns, (string?)s!["namespace"]));
    }

    // ---- helpers ----

    /// <summary>
    /// One environment variable as the container gets it: a plain value (literal, or from a ConfigMap — then
    /// <see cref="ConfigMapRef"/> says which key), a Secret key, or a downward API field.
    /// </summary>
    private sealed record EnvVar(string? Value, (string Name, string Key)? SecretRef, (string Name, string Key)? ConfigMapRef = null, string? FieldPath = null);

    private static Xunit.Sdk.XunitException Fail(string message) => new(message);

    private static JsonObject PodTemplate(RenderedManifests m, string deployment) =>
        m.Get("Deployment", deployment)["spec"]!["template"]!.AsObject();

    private static JsonObject Labels(RenderedManifests m, string deployment) =>
        PodTemplate(m, deployment)["metadata"]!["labels"]!.AsObject();

    private static JsonObject OnlyContainer(RenderedManifests m, string deployment)
    {
        var containers = PodTemplate(m, deployment)["spec"]!["containers"]!.AsArray();
        Assert.True(containers.Count == 1, $"{m.Name}: {deployment} should run exactly one container.");
        return containers[0]!.AsObject();
    }

    private static string Namespace(RenderedManifests m) =>
        (string?)m.OfKind("Namespace").SingleOrDefault()?["metadata"]?["name"] ?? "default";

    private static string[] Strings(JsonNode? list) => [.. list?.AsArray().Select(x => (string?)x ?? "") ?? []];

    /// <summary>Whether pods of this template get a ServiceAccount token (the pod's setting wins over the account's).</summary>
    private static bool MountsToken(RenderedManifests m, JsonNode podSpec) =>
        (bool?)podSpec["automountServiceAccountToken"]
        ?? (bool?)m.Find("ServiceAccount", (string?)podSpec["serviceAccountName"] ?? "default")?["automountServiceAccountToken"]
        ?? true;

    private static bool BindsServiceAccount(JsonNode binding, string account, string ns) =>
        binding["subjects"]?.AsArray().Any(s => (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == account && ((string?)s["namespace"] ?? ns) == ns) ?? false;

    /// <summary>The Secret the app's database password comes from (directly or through $(VAR) expansion).</summary>
    private static string? DatabasePasswordSecret(RenderedManifests m, string app)
    {
        var env = EffectiveEnv(m, OnlyContainer(m, app));
        var connection = env["ConnectionStrings__Crm"];
        if (connection.SecretRef is { } direct)
        {
            return direct.Name;
        }

        var variable = Regex.Match(connection.Value ?? "", @"(?i)Password\s*=\s*\$\((?<var>[A-Za-z_][A-Za-z0-9_]*)\)").Groups["var"].Value;
        return env.GetValueOrDefault(variable)?.SecretRef?.Name;
    }

    /// <summary>The app's services registered with the container's rendered environment (see <see cref="AppServices"/>).</summary>
    private static AppServices Services(RenderedManifests m, string app)
    {
        var configuration = Configuration(m, OnlyContainer(m, app));
        return app == Silo ? AppServices.Silo(configuration) : AppServices.Gateway(configuration);
    }

    /// <summary>
    /// The environment the process would see, as configuration: rendered values as they are, $(VAR) expanded; Secret
    /// keys that are not rendered (created out of band, or by the operator) and downward API fields get stand-ins.
    /// </summary>
    private static Dictionary<string, string?> Configuration(RenderedManifests m, JsonObject container)
    {
        var env = EffectiveEnv(m, container);
        var values = env.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            { Value: { } value } => value,
            { SecretRef: { } secret } => (m.Find("Secret", secret.Name) is { } rendered ? SecretData(rendered).GetValueOrDefault(secret.Key) : null)
                                         ?? (secret.Key == "port" ? "5432"
                                             : secret.Key.StartsWith("Security__DataKeys__Keys__", StringComparison.Ordinal) ? Convert.ToBase64String(new byte[32])
                                             : $"stand-in-for-{secret.Name}-{secret.Key}-0123456789abcdef0123456789abcdef"),
            { FieldPath: "metadata.namespace" } => Namespace(m),
            { FieldPath: "status.podIP" } => "10.0.0.10",
            { FieldPath: { } field } => $"stand-in-{field}",
            _ => null,
        }, StringComparer.Ordinal);
        foreach (var key in values.Keys.ToList())
        {
            values[key] = values[key] is { } value
                ? Regex.Replace(value, @"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)", x => values.GetValueOrDefault(x.Groups[1].Value) ?? x.Value)
                : null;
        }

        return values;
    }

    private static int ResolvePort(JsonObject container, JsonNode? port) => port switch
    {
        JsonValue v when v.TryGetValue<long>(out var number) => (int)number,
        JsonValue v when v.TryGetValue<string>(out var name) =>
            (int)((long?)container["ports"]?.AsArray().FirstOrDefault(p => (string?)p!["name"] == name)?["containerPort"]
                  ?? throw Fail($"container {container["name"]} has no port named {name}.")),
        _ => throw Fail($"container {container["name"]}: no port given."),
    };

    private static bool Selects(JsonObject selector, JsonObject labels) =>
        selector.Count > 0 && selector.All(kv => (string?)labels[kv.Key] == (string?)kv.Value);

    private static IEnumerable<string> References(string? value) =>
        value is null ? [] : Regex.Matches(value, @"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)").Select(x => x.Groups[1].Value);

    private static IEnumerable<string> EnvFromNames(RenderedManifests m, JsonObject container) =>
        (container["envFrom"]?.AsArray() ?? []).SelectMany(source =>
            source!["configMapRef"]?["name"] is { } cm ? m.Get("ConfigMap", (string)cm!)["data"]?.AsObject().Select(kv => kv.Key) ?? []
            : source["secretRef"]?["name"] is { } secret ? SecretData(m.Get("Secret", (string)secret!)).Keys
            : throw Fail($"{m.Name}: unsupported envFrom {source.ToJsonString()}."));

    /// <summary>What the container sees: envFrom ConfigMaps/Secrets first, then env (which wins on a clash).</summary>
    private static Dictionary<string, EnvVar> EffectiveEnv(RenderedManifests m, JsonObject container)
    {
        var env = new Dictionary<string, EnvVar>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            if (source!["configMapRef"]?["name"] is { } cm)
            {
                foreach (var (key, value) in m.Get("ConfigMap", (string)cm!)["data"]?.AsObject() ?? [])
                {
                    env[key] = new EnvVar((string?)value, null, ((string)cm!, key));
                }
            }
            else if (source["secretRef"]?["name"] is { } secret)
            {
                foreach (var key in SecretData(m.Get("Secret", (string)secret!)).Keys)
                {
                    env[key] = new EnvVar(null, ((string)secret!, key));
                }
            }
        }

        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            var from = entry!["valueFrom"];
            env[(string)entry["name"]!] = from?["secretKeyRef"] is { } s
                ? new EnvVar(null, ((string)s["name"]!, (string)s["key"]!))
                : from?["configMapKeyRef"] is { } c
                    ? new EnvVar((string?)m.Get("ConfigMap", (string)c["name"]!)["data"]?[(string)c["key"]!], null, ((string)c["name"]!, (string)c["key"]!))
                    : from?["fieldRef"] is { } f
                        ? new EnvVar(null, null, FieldPath: (string?)f["fieldPath"])
                        : new EnvVar((string?)entry["value"], null);
        }

        return env;
    }

    private static string Value(Dictionary<string, EnvVar> env, string key, string overlay, string app) =>
        env.GetValueOrDefault(key)?.Value ?? throw Fail($"{overlay} {app}: {key} is not set (as a plain value or from a ConfigMap).");

    private static Dictionary<string, string> SecretData(JsonObject secret)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in secret["data"]?.AsObject() ?? [])
        {
            data[key] = Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace((string)value!, @"\s", "")));
        }

        foreach (var (key, value) in secret["stringData"]?.AsObject() ?? [])
        {
            data[key] = (string)value!;
        }

        return data;
    }

    /// <summary>
    /// The referenced Secret key exists: rendered by the overlay, generated by a rendered CloudNativePG Cluster
    /// (&lt;cluster&gt;-app), or documented as created out of band. Returns the value when rendered.
    /// </summary>
    private static string? AssertSecretKeyExists(RenderedManifests m, string overlay, (string Name, string Key) reference)
    {
        if (m.Find("Secret", reference.Name) is { } secret)
        {
            var data = SecretData(secret);
            Assert.True(data.ContainsKey(reference.Key), $"{overlay}: Secret {reference.Name} has no key {reference.Key}.");
            return data[reference.Key];
        }

        if (m.OfKind("Cluster").Any(c => $"{c["metadata"]!["name"]}-app" == reference.Name))
        {
            Assert.Contains(reference.Key, CnpgAppSecretKeys);
            return null;
        }

        Assert.True(ExternalSecrets[overlay].Contains(reference.Name),
            $"{overlay}: Secret {reference.Name} is neither rendered, nor generated by a CloudNativePG Cluster, nor documented as created out of band.");
        return null;
    }

    private static bool PolicyApplies(JsonNode policy, JsonObject labels, string type) =>
        Matches(policy["spec"]!["podSelector"]!.AsObject(), labels)
        && (policy["spec"]!["policyTypes"]?.AsArray().Any(t => (string?)t == type) ?? type == "Ingress");

    private static bool Matches(JsonObject podSelector, JsonObject labels) =>
        podSelector["matchLabels"] is not JsonObject match || match.All(kv => (string?)labels[kv.Key] == (string?)kv.Value);

    private static bool PortAllowed(JsonNode rule, int port, string protocol) =>
        rule["ports"] is not JsonArray ports
        || ports.Any(p => (p!["port"] is null || (long?)p["port"] == port) && ((string?)p["protocol"] ?? "TCP") == protocol);

    /// <summary>A peer list allows these pod labels (null = "anyone": an empty/absent peer list only).</summary>
    private static bool PeersAllow(JsonNode rule, string field, JsonObject? peer) =>
        rule[field] is not JsonArray peers || peers.Count == 0
            ? true
            : peer is not null && peers.Any(x => x!["podSelector"] is JsonObject selector && x["namespaceSelector"] is null && Matches(selector, peer));

    private static bool AllowsIngress(List<JsonObject> policies, JsonObject target, JsonObject? from, int port) =>
        policies.Where(p => PolicyApplies(p, target, "Ingress"))
            .SelectMany(p => p["spec"]!["ingress"]?.AsArray() ?? [])
            .Any(rule => PortAllowed(rule!, port, "TCP") && PeersAllow(rule!, "from", from));

    /// <summary>A policy lets pods with <paramref name="peer"/> labels in namespace <paramref name="ns"/> (another one) reach the port.</summary>
    private static bool AllowsIngressFromNamespace(List<JsonObject> policies, JsonObject target, string ns, JsonObject peer, int port) =>
        policies.Where(p => PolicyApplies(p, target, "Ingress"))
            .SelectMany(p => p["spec"]!["ingress"]?.AsArray() ?? [])
            .Any(rule => PortAllowed(rule!, port, "TCP")
                && (rule!["from"] is not JsonArray peers || peers.Count == 0 || peers.Any(x =>
                    x!["namespaceSelector"] is JsonObject namespaces
                    && Matches(namespaces, new JsonObject { ["kubernetes.io/metadata.name"] = ns })
                    && (x["podSelector"] is not JsonObject pods || Matches(pods, peer)))));

    private static bool AllowsEgress(List<JsonObject> policies, JsonObject source, JsonObject? to, int port, string protocol = "TCP")
    {
        var applicable = policies.Where(p => PolicyApplies(p, source, "Egress")).ToList();
        return applicable.Count == 0 // egress not restricted at all
            || applicable.SelectMany(p => p["spec"]!["egress"]?.AsArray() ?? [])
                .Any(rule => PortAllowed(rule!, port, protocol) && PeersAllow(rule!, "to", to));
    }
}
