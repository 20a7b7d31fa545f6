using Orleans.Crm.Tests.Infrastructure;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium (Debian <c>chromium</c>, driven by npm <c>playwright-core</c> from tests/browser) opens the
/// wall display of a gateway listening on a loopback port; a dispatch made through the API appears without a reload,
/// and when news and heartbeats stop reaching it (the socket kept open) the board marks itself stale (since hh:mm)
/// instead of quietly standing still.
/// </summary>
public sealed class BrowserDisplayTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly SemaphoreSlim NpmLock = new(1, 1);

    [Fact]
    public async Task TheWallDisplayShowsADispatchWithoutReloadAndMarksItselfStaleWhenNewsStop()
    {
        // Fails loudly, never skips: the browser is part of the test environment (./test.sh installs it).
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y --no-install-recommends chromium");
        var scripts = await EnsurePlaywrightAsync();

        await using var gateway = new GatewayFactory();
        gateway.UseKestrel(0);
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        using var http = new HttpClient { BaseAddress = address };
        var api = new BoardApi(http);
        const string store = "browser";
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await api.VisitAsync(store, manager, "钱多多", "13611112222");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", "display.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        // Files, not stdio, carry the handshake with the script: simple to poll, and immune to pipe buffering.
        var commandFile = Path.Combine(Path.GetTempPath(), $"crm-display-{Guid.NewGuid():N}.cmd");
        var statusFile = Path.ChangeExtension(commandFile, ".status");
        using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(scripts, "display-check.mjs"), new Uri(address, $"/display/{store}").ToString(), screenshot, commandFile, statusFile, Chromium])
        {
            RedirectStandardError = true,
            WorkingDirectory = scripts,
        })!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            var ready = await WaitForStatusAsync(statusFile, node, "READY", TimeSpan.FromSeconds(60));
            // (The message kills the script, so it is only built on failure.)
            if (ready != "READY")
            {
                Assert.Fail($"display did not come up: {ready}\n{await StderrAsync(stderr, node)}");
            }

            // Made while the page is open: it must arrive over the hub.
            var lead = await api.VisitAsync(store, manager, "王小明", "13812345678");
            var dispatch = await api.DispatchAsync(lead, $"{store}-m1", manager);
            var designerId = dispatch.GetProperty("designerId").GetString();
            var designerName = designerId switch
            {
                $"{store}-d1" => "李设计",
                $"{store}-d2" => "陈设计",
                _ => "赵设计",
            };
            await File.WriteAllTextAsync(commandFile, $"EXPECT {lead} {designerName}\n");
            var result = await WaitForStatusAsync(statusFile, node, "OK", TimeSpan.FromSeconds(60));
            if (!result.StartsWith("OK", StringComparison.Ordinal))
            {
                Assert.Fail($"display did not show the dispatch: {result}\n{await StderrAsync(stderr, node)}");
            }
            Assert.DoesNotContain("王小明", result, StringComparison.Ordinal);

            await File.WriteAllTextAsync(commandFile, "STALE\n");
            var stale = await WaitForStatusAsync(statusFile, node, "STALE-OK", TimeSpan.FromSeconds(60));
            if (!stale.StartsWith("STALE-OK", StringComparison.Ordinal))
            {
                Assert.Fail($"display did not mark itself stale: {stale}\n{await StderrAsync(stderr, node)}");
            }

            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, node.ExitCode);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or empty");
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }

            File.Delete(commandFile);
            File.Delete(statusFile);
        }
    }

    internal static async Task<string> StderrAsync(Task<string> stderr, Process node)
    {
        if (!node.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        return $"node exited with {node.ExitCode}: " + await stderr.WaitAsync(TimeSpan.FromSeconds(10));
    }

    // The status line starting with the prefix; whatever the script reported otherwise (FAILED …) if it never comes.
    internal static async Task<string> WaitForStatusAsync(string statusFile, Process node, string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string[] lines = [];
        while (DateTime.UtcNow < deadline)
        {
            lines = File.Exists(statusFile) ? await File.ReadAllLinesAsync(statusFile) : [];
            if (lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (node.HasExited || lines.Any(l => l.StartsWith("FAILED", StringComparison.Ordinal)))
            {
                break;
            }

            await Task.Delay(100);
        }

        return $"(no {prefix}) " + string.Join(" | ", lines);
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    /// <summary>tests/browser with its node_modules (npm ci from the lock file when missing).</summary>
    internal static async Task<string> EnsurePlaywrightAsync()
    {
        // The source tree, not the output folder: builds may put their output anywhere (--artifacts-path).
        var directory = new DirectoryInfo(Path.GetDirectoryName(SourceFile())!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "tests", "browser", "package.json")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, "tests/browser/package.json not found above " + SourceFile());
        var scripts = Path.Combine(directory!.FullName, "tests", "browser");
        await NpmLock.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(scripts, "node_modules", "playwright-core")))
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
                {
                    WorkingDirectory = scripts,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var output = npm.StandardOutput.ReadToEndAsync();
                var errors = npm.StandardError.ReadToEndAsync();
                await npm.WaitForExitAsync();
                Assert.True(npm.ExitCode == 0, $"npm ci in {scripts} failed:\n{await output}\n{await errors}");
            }
        }
        finally
        {
            NpmLock.Release();
        }

        return scripts;
    }
}
