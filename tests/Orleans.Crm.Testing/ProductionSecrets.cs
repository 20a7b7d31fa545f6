namespace Orleans.Crm.Testing;

/// <summary>
/// The secrets a process outside the Development environment refuses to start without (in production they come from a
/// Kubernetes Secret), as test values in environment-variable form: every app process and in-process silo of the tests
/// and benchmarks gets them, and a test may override one.
/// </summary>
public static class ProductionSecrets
{
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Security__IdentityKey"] = "process-test-identity-key-0123456789abcdef",

        // On PostgreSQL a silo also refuses to start without its data keys (encryption at rest).
        ["Security__DataKeys__Current"] = "proc1",
        ["Security__DataKeys__Keys__proc1"] = "cHJvY2Vzcy10ZXN0LWRhdGEta2V5LTAxMjM0NTY3ODk=",
    };
}
