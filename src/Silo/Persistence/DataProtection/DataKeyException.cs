using System.Security.Cryptography;

namespace Orleans.Crm.Silo.Persistence.DataProtection;

/// <summary>
/// A sealed value could not be opened: it names a data key that is not configured, it was changed, or it is not a
/// sealed value at all. The message names the key id, so an operator knows which key to configure again.
/// </summary>
/// <remarks>
/// A silo-side type: Orleans has no codec for it, so where it would cross a grain call (a state read failing inside an
/// activation, a report reading the journal) it travels as <see cref="ForCaller"/>'s <see cref="InvalidOperationException"/>
/// with the same message.
/// </remarks>
public sealed class DataKeyException : CryptographicException
{
    public DataKeyException()
    {
    }

    public DataKeyException(string message)
        : base(message)
    {
    }

    public DataKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The same failure as an exception Orleans carries to callers (a system type, without this one inside).</summary>
    public InvalidOperationException ForCaller(string what) => new($"{what}: {Message}");
}
