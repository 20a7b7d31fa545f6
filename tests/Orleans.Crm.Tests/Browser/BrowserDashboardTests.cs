using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium opens the Orleans Dashboard as an operator would: no bearer header, sent to the sign-in page,
/// signed in with the dev-token button, then the dashboard's own script loads its data with the cookie.
/// </summary>
public sealed class BrowserDashboardTests
{
    [Fact]
    public async Task AnOperatorSignsInFromTheBrowserAndTheDashboardShowsTheCluster()
    {
        Assert.True(File.Exists(BrowserScript.Chromium), $"{BrowserScript.Chromium} is missing: apt-get install -y --no-install-recommends chromium");
        var scripts = await BrowserScript.EnsurePlaywrightAsync();
        await using var gateway = LiveGateway.Start();
        var address = gateway.Address.ToString();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(scripts, "dashboard-check.mjs"), address, screenshot, BrowserScript.Chromium])
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
