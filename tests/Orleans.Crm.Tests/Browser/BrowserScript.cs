using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A check script of tests/browser (Node, npm <c>playwright-core</c>) driving the Debian Chromium, with the file handshake of
/// tests/browser/harness.mjs: the test writes commands into a command file, the script appends status lines to a status
/// file (READY, OK …, FAILED reason). Its arguments are the page's address, the screenshot path, the two files, the
/// script's own arguments, and the browser.
/// </summary>
public sealed class BrowserScript : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly SemaphoreSlim NpmLock = new(1, 1);
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromSeconds(60);

    private readonly Process _node;
    private readonly Task<string> _stderr;
    private readonly string _commandFile;
    private readonly string _statusFile;

    private BrowserScript(Process node, string commandFile, string statusFile, string screenshot)
    {
        _node = node;
        _stderr = node.StandardError.ReadToEndAsync();
        _commandFile = commandFile;
        _statusFile = statusFile;
        Screenshot = screenshot;
    }

    /// <summary>Where the script saves its screenshot (under the test output's TestResults/screenshots).</summary>
    public string Screenshot { get; }

    /// <summary>Starts <paramref name="script"/> on <paramref name="page"/>; the screenshot goes to <paramref name="screenshotName"/>.</summary>
    public static async Task<BrowserScript> StartAsync(string script, Uri page, string screenshotName, params string[] arguments)
    {
        // Fails loudly, never skips: the browser is part of the test environment (./test.sh installs it).
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y --no-install-recommends chromium");
        var scripts = await EnsurePlaywrightAsync();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", screenshotName);
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var commandFile = Path.Combine(Path.GetTempPath(), $"crm-browser-{Guid.NewGuid():N}.cmd");
        var statusFile = Path.ChangeExtension(commandFile, ".status");
        var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(scripts, script), page.ToString(), screenshot, commandFile, statusFile, .. arguments, Chromium])
        {
            RedirectStandardError = true,
            WorkingDirectory = scripts,
        })!;
        return new BrowserScript(node, commandFile, statusFile, screenshot);
    }

    /// <summary>Waits for the status line starting with <paramref name="prefix"/>; fails with what the script said otherwise.</summary>
    public async Task<string> ExpectAsync(string prefix, string what)
    {
        var deadline = DateTime.UtcNow + StatusDeadline;
        string[] lines = [];
        while (DateTime.UtcNow < deadline)
        {
            lines = File.Exists(_statusFile) ? await File.ReadAllLinesAsync(_statusFile) : [];
            if (lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_node.HasExited || lines.Any(l => l.StartsWith("FAILED", StringComparison.Ordinal)))
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{what}: (no {prefix}) {string.Join(" | ", lines)}\n{await StderrAsync()}");
        return "";
    }

    /// <summary>Hands the script its next command.</summary>
    public Task SendAsync(string command) => File.WriteAllTextAsync(_commandFile, command + "\n");

    /// <summary>The script ends by itself, successfully, having saved a real screenshot.</summary>
    public async Task FinishAsync()
    {
        await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(_node.ExitCode == 0, await StderrAsync());
        Assert.True(new FileInfo(Screenshot).Length > 10_000, "the screenshot is missing or empty");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }

        _node.Dispose();
        File.Delete(_commandFile);
        File.Delete(_statusFile);
    }

    /// <summary>tests/browser with its node_modules (npm ci from the lock file when missing).</summary>
    public static async Task<string> EnsurePlaywrightAsync()
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

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private async Task<string> StderrAsync()
    {
        if (!_node.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }

        return $"node exited with {_node.ExitCode}: " + await _stderr.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
