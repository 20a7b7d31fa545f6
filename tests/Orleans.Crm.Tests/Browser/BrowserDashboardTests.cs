using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium opens the Orleans Dashboard as an operator would: no bearer header, sent to the sign-in page,
/// signed in with the dev-token button, then the dashboard's own script loads its data with the cookie.
/// </summary>
public sealed class BrowserDashboardTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task AnOperatorSignsInFromTheBrowserAndTheDashboardShowsTheCluster()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y --no-install-recommends chromium");
        var scripts = await BrowserDisplayTests.EnsurePlaywrightAsync();
        await using var gateway = new GatewayFactory();
        gateway.UseKestrel(0);
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal))
            .First();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(scripts, "dashboard-check.mjs"), address, screenshot, Chromium])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = scripts,
        })!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }

        Assert.True(node.ExitCode == 0, $"the dashboard check failed:\n{await stderr}\n{await stdout}");
        var seen = JsonNode.Parse((await stdout).Trim().Split('\n')[^1])!;
        Assert.Contains("Sign-in", seen["signInTitle"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Orleans Dashboard", seen["title"]!.GetValue<string>());
        Assert.Equal(1, seen["silos"]!.GetValue<int>());
        Assert.Equal([200], seen["statuses"]!.AsArray().Select(s => s!.GetValue<int>()));
        Assert.False(seen["cookieSeenByScript"]!.GetValue<bool>(), "the sign-in cookie must be HttpOnly");
        Assert.Empty(seen["errors"]!.AsArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or empty");
    }
}
