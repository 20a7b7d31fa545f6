using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Creates <c>Auth:BootstrapAdmin</c> as an HQ account when no account exists yet (an empty system), with its password
/// to be changed at first sign-in. Runs at start after the database schema service (hosted services start in
/// registration order), so the tables are there. Gateways starting together may both try: the unique user name lets
/// one win and the other finds the account made.
/// </summary>
internal sealed partial class BootstrapAdminService(IServiceProvider services, IOptions<CrmAccountOptions> options, ILogger<BootstrapAdminService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.BootstrapAdmin;
        if (!options.Value.IsBuiltin || string.IsNullOrWhiteSpace(admin.UserId) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmAccountsDb>();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var account = new StaffAccount
        {
            UserName = admin.UserId.Trim(),
            Name = admin.UserId.Trim(),
            Role = CrmRoles.Hq,
            PasswordChangeRequired = true,
        };
        try
        {
            var result = await users.CreateAsync(account, admin.Password);
            if (!result.Succeeded)
            {
                // A password Identity refuses would leave the system without any account: fail the start, loudly.
                throw new InvalidOperationException(
                    "Auth:BootstrapAdmin could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            LogCreated(account.UserName);
        }
        catch (DbUpdateException)
        {
            // Another gateway created it first (the unique user name); anything else is a real failure.
            db.ChangeTracker.Clear();
            if (await users.FindByNameAsync(account.UserName) is null)
            {
                throw;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the bootstrap HQ account {UserId}; its password must be changed at first sign-in")]
    private partial void LogCreated(string userId);
}
