using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// The built-in accounts (Identity's user tables, no role tables: the role is a column) and the gateways' shared
/// data-protection keys. On PostgreSQL the tables come from the project's schema script
/// (<c>src/Silo/Persistence/Sql/0006_accounts.sql</c>), not from EF migrations, like every other table.
/// </summary>
public sealed class CrmAccountsDb(DbContextOptions<CrmAccountsDb> options) : IdentityUserContext<StaffAccount>(options), IDataProtectionKeyContext
{
    /// <inheritdoc />
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffAccount>(b =>
        {
            b.ToTable("crm_account");
            b.Property(a => a.Name).HasMaxLength(200);
            b.Property(a => a.Role).HasMaxLength(32);
            b.Property(a => a.StoreId).HasMaxLength(256);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("crm_account_claim");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("crm_account_login");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("crm_account_token");
        builder.Entity<DataProtectionKey>().ToTable("crm_data_protection_key");
    }
}
