using Npgsql;

namespace Orleans.Crm.Tests.Providers;

/// <summary>
/// A PostgreSQL login of its own for one silo, so a test can cut that silo off the database (as a crash would)
/// while the other silos keep theirs.
/// </summary>
public sealed class DatabaseLogin : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private DatabaseLogin(string adminConnectionString, string role, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Role = role;
        ConnectionString = connectionString;
    }

    public string Role { get; }

    /// <summary>The database's connection string with this login.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a login allowed to use every table of the database behind <paramref name="connectionString"/>.</summary>
    public static async Task<DatabaseLogin> CreateAsync(string connectionString)
    {
        var role = $"silo_{Guid.NewGuid():N}";
        var password = Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password };
        return new DatabaseLogin(connectionString, role, builder.ConnectionString);
    }

    /// <summary>Refuses new connections of this login and ends its open ones.</summary>
    public async Task RevokeAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER ROLE {Role} NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Role}';",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the login (its grants in this database first), so a shared server does not collect them.</summary>
    public async ValueTask DisposeAsync()
    {
        await RevokeAsync();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP OWNED BY {Role}; DROP ROLE {Role};", connection);
        await command.ExecuteNonQueryAsync();
    }
}
