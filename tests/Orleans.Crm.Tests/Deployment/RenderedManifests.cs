using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orleans.Crm.Tests.Deployment;

/// <summary>
/// The resources that <c>kubectl kustomize</c> renders for one directory of k8s/ (an overlay or the base), parsed
/// into JSON nodes for easy querying.
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(string name, IReadOnlyList<JsonObject> resources)
    {
        Name = name;
        Resources = resources;
    }

    /// <summary>The directory under k8s/, e.g. overlays/prod.</summary>
    public string Name { get; }

    /// <summary>Every rendered resource.</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>The repository root: the nearest ancestor of the test binaries holding Orleans.Crm.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Renders k8s/<paramref name="directory"/> with <c>kubectl kustomize</c>.</summary>
    public static RenderedManifests Render(string directory)
    {
        var path = Path.Combine(RepositoryRoot, "k8s", directory);
        Assert.True(Directory.Exists(path), $"{path} does not exist.");
        return new RenderedManifests(directory, ParseYaml(RunKubectl("kustomize", path)));
    }

    /// <summary>All resources of one kind.</summary>
    public IEnumerable<JsonObject> OfKind(string kind) =>
        Resources.Where(r => (string?)r["kind"] == kind);

    /// <summary>The resource of that kind and name, or null.</summary>
    public JsonObject? Find(string kind, string name) =>
        OfKind(kind).SingleOrDefault(r => (string?)r["metadata"]?["name"] == name);

    /// <summary>The resource of that kind and name; fails the test when it is missing.</summary>
    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"{Name}: no {kind} named {name} is rendered.");

    /// <summary>Parses a multi-document YAML stream (kustomize's output) into JSON objects.</summary>
    public static IReadOnlyList<JsonObject> ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>()];
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    private static string RunKubectl(params string[] arguments)
    {
        var kubectl = FindOnPath("kubectl") ?? throw new Xunit.Sdk.XunitException(
            "kubectl was not found on PATH. The Kubernetes manifest tests render k8s/overlays/* with `kubectl kustomize` " +
            "(kustomize v5, offline; no cluster needed). Install kubectl >= 1.27 (Debian's `kubernetes-client` 1.20 is " +
            "too old for kustomize components and `labels`) and run the tests again.");
        using var process = Process.Start(new ProcessStartInfo(kubectl, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kubectl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"kubectl {string.Join(' ', arguments)} did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"kubectl {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stderr.Result}");
        }

        return stdout.Result;
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Walks up to Orleans.Crm.sln from the test binaries, else (binaries elsewhere, e.g. --artifacts-path) from
    /// this source file's compile-time location.
    /// </summary>
    private static string FindRepositoryRoot()
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(SourceFile()) ?? "", Environment.CurrentDirectory];
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orleans.Crm.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No Orleans.Crm.sln above any of {string.Join(", ", starts)}.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
