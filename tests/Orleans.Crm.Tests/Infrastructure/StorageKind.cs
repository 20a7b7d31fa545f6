namespace Orleans.Crm.Tests.Infrastructure;

/// <summary>The storage providers a runtime test runs against.</summary>
public enum StorageKind
{
    /// <summary>The embedded in-memory provider.</summary>
    Memory,

    /// <summary>A fresh database on the test run's PostgreSQL server.</summary>
    Postgres,
}
