using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Board;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium shows the wall display of a store resting today with nobody assigned (DOMAIN §3): the duty
/// alert with the walk-in waiting for a manager; once a supervisor assigns the day, the alert goes away without a reload.
/// </summary>
public sealed class BrowserDutyAlertTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task TheWallDisplayAlertsAnUnassignedRestDayUntilSomeoneIsAssigned()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y --no-install-recommends chromium");
        var scripts = await BrowserDisplayTests.EnsurePlaywrightAsync();

        await using var gateway = new GatewayFactory();
        gateway.UseKestrel(0);
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        using var http = new HttpClient { BaseAddress = address };
        var api = new BoardApi(http);
        var store = BoardApi.NewStoreId("rest");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var hq = await api.TokenAsync("hq");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hq);
        (await http.PutAsJsonAsync($"/api/stores/{store}", new
        {
            name = $"公休门店 {store}",
            groups = new[] { new { managerId = $"{store}-m1", managerName = "周经理", designers = new[] { new { designerId = $"{store}-d1", name = "李设计", level = "senior" } } } },
            rotation = new[] { $"{store}-m1" },
            rotationStart = "2026-01-06",
            restDays = new[] { today.DayOfWeek.ToString().ToLowerInvariant() },
        })).EnsureSuccessStatusCode();
        await api.VisitAsync(store, hq);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", "display-duty-alert.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var commandFile = Path.Combine(Path.GetTempPath(), $"crm-duty-{Guid.NewGuid():N}.cmd");
        var statusFile = Path.ChangeExtension(commandFile, ".status");
        using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(scripts, "duty-alert-check.mjs"), new Uri(address, $"/display/{store}").ToString(), screenshot, commandFile, statusFile, Chromium])
        {
            RedirectStandardError = true,
            WorkingDirectory = scripts,
        })!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            var alert = await WaitForStatusAsync(statusFile, node, "ALERT", TimeSpan.FromSeconds(60));
            // (The failure message stops the script, so it is only built on failure.)
            if (!alert.StartsWith("ALERT", StringComparison.Ordinal))
            {
                Assert.Fail($"no duty alert: {alert}\n{await StderrAsync(stderr, node)}");
            }

            Assert.Contains("无人值班", alert, StringComparison.Ordinal);

            (await http.PutAsJsonAsync($"/api/stores/{store}/duty/{today:yyyy-MM-dd}", new { managerId = $"{store}-m1" })).EnsureSuccessStatusCode();
            await File.WriteAllTextAsync(commandFile, "ASSIGNED\n");
            var cleared = await WaitForStatusAsync(statusFile, node, "CLEARED", TimeSpan.FromSeconds(60));
            if (!cleared.StartsWith("CLEARED", StringComparison.Ordinal))
            {
                Assert.Fail($"the alert stayed: {cleared}\n{await StderrAsync(stderr, node)}");
            }

            Assert.Contains("周经理", cleared, StringComparison.Ordinal);

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

    private static async Task<string> StderrAsync(Task<string> stderr, Process node)
    {
        if (!node.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        return $"node exited with {node.ExitCode}: " + await stderr.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<string> WaitForStatusAsync(string statusFile, Process node, string prefix, TimeSpan timeout)
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
}
