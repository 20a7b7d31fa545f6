using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// Built-in staff accounts: ASP.NET Core Identity (hashing, lockout, token providers) on the project's PostgreSQL
/// (<c>Storage:Provider</c> = postgres) or on EF Core's in-memory database for the memory-storage run (one process,
/// nothing survives a restart, like the grains). Registered whatever <c>Auth:Accounts</c> says, so staff creation can
/// refuse cleanly in oidc mode; the sign-in routes exist only for builtin.
/// </summary>
public static class AccountsSetup
{
    /// <summary>Retries of an accounts query that hit a transient PostgreSQL error (a connection the restart killed).</summary>
    private const int AccountsDbRetries = 3;

    private static readonly TimeSpan AccountsDbMaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Registers Identity, the accounts database, the token pair and the bootstrap admin.</summary>
    public static IServiceCollection AddCrmAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CrmAccountOptions>()
            .Bind(configuration.GetSection(CrmAuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var storage = StorageOptions.From(configuration);
        var settings = new CrmAccountOptions();
        configuration.GetSection(CrmAuthOptions.Section).Bind(settings);
        if (storage.IsPostgres)
        {
            // Every bearer token is checked against the accounts (StaffStatusCheck): after PostgreSQL restarts, the
            // pool's first use of a dead connection must be retried, not turned into a 500 for whoever asked first.
            services.AddDbContext<CrmAccountsDb>(o => Common(o).UseNpgsql(
                storage.ConnectionString,
                npgsql => npgsql.EnableRetryOnFailure(AccountsDbRetries, AccountsDbMaxRetryDelay, errorCodesToAdd: null)));

            // Refresh tokens are data-protected: every gateway must read every other's, so the key ring is shared.
            services.AddDataProtection().SetApplicationName("orleans-crm").PersistKeysToDbContext<CrmAccountsDb>();
        }
        else
        {
            // One database per host (tests run several gateways in one process).
            var name = "crm-accounts-" + Guid.NewGuid().ToString("N");
            services.AddDbContext<CrmAccountsDb>(o => Common(o).UseInMemoryDatabase(name));
        }

        services.AddIdentityCore<StaffAccount>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:@+";
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = settings.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                o.Password.RequiredLength = settings.PasswordMinLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Tokens.ProviderMap[RefreshTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(RefreshTokenProvider));
            })
            .AddEntityFrameworkStores<CrmAccountsDb>()
            .AddSignInManager();
        services.AddTransient<RefreshTokenProvider>();
        services.AddOptions<RefreshTokenProviderOptions>()
            .Configure<IOptions<CrmAccountOptions>>((o, accounts) =>
            {
                o.Name = RefreshTokenProvider.ProviderName;
                o.TokenLifespan = accounts.Value.RefreshTokenLifetime;
            });
        services.AddScoped<AccountTokens>();
        services.AddHostedService<BootstrapAdminService>();
        return services;
    }

    /// <summary>
    /// A process hosting many gateways (the test suite: one per test class) makes EF Core build an internal service
    /// provider per host; past twenty EF treats that as an error, though each is used correctly. One gateway per
    /// process (every deployment) never gets near it.
    /// </summary>
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning));
}
