using System.Security.Cryptography;
using System.Text;
using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Silo.Persistence.DataProtection;

namespace Orleans.Crm.Tests.Security;

/// <summary>The data-at-rest encryptor on its own: AES-GCM with the key id in an authenticated header.</summary>
public sealed class DataCipherTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(DataCipher.KeyBytes);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(DataCipher.KeyBytes);

    private static DataCipher Cipher(string current, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), current);

    [Fact]
    public void ASealedValueOpensToThePlaintextAndNamesItsKeyButShowsNoneOfIt()
    {
        using var cipher = Cipher("a", ("a", KeyA));
        var plaintext = Encoding.UTF8.GetBytes("王小明 13912345678 虹桥路1665弄");

        var sealedValue = cipher.Encrypt(plaintext);

        Assert.Equal("a", DataCipher.KeyIdOf(sealedValue));
        Assert.Equal(plaintext, cipher.Decrypt(sealedValue));
        Assert.DoesNotContain("13912345678", Encoding.UTF8.GetString(sealedValue), StringComparison.Ordinal);
        Assert.Equal(-1, sealedValue.AsSpan().IndexOf(Encoding.UTF8.GetBytes("13912345678")));
    }

    [Fact]
    public void TheSameValueSealedTwiceGivesDifferentBytes()
    {
        using var cipher = Cipher("a", ("a", KeyA));

        Assert.NotEqual(cipher.Encrypt("same"u8), cipher.Encrypt("same"u8));
    }

    [Fact]
    public void AChangedByteAnywhereIsDetected()
    {
        using var cipher = Cipher("a", ("a", KeyA));
        var sealedValue = cipher.Encrypt("王小明 13912345678"u8);

        // Every byte after the header's key id: nonce, ciphertext and tag.
        for (var i = 4; i < sealedValue.Length; i++)
        {
            var tampered = sealedValue.ToArray();
            tampered[i] ^= 0x01;
            var error = Assert.Throws<DataKeyException>(() => cipher.Decrypt(tampered));
            Assert.Contains("failed authentication", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AValueRelabelledWithAnotherKeyIdIsRefused()
    {
        // Same id length, so only the authenticated header differs: "a" sealed, passed off as "b".
        using var cipher = Cipher("a", ("a", KeyA), ("b", KeyA));
        var sealedValue = cipher.Encrypt("王小明"u8);
        sealedValue[3] = (byte)'b';

        Assert.Throws<DataKeyException>(() => cipher.Decrypt(sealedValue));
    }

    [Fact]
    public void AnUnknownKeyIdIsAClearErrorNamingTheKey()
    {
        using var writer = Cipher("old", ("old", KeyA));
        using var reader = Cipher("new", ("new", KeyB));
        var sealedValue = writer.Encrypt("王小明"u8);

        var error = Assert.Throws<DataKeyException>(() => reader.Decrypt(sealedValue));

        Assert.Contains("'old'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataKeys:Keys:old", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyOfTheRightIdButTheWrongBytesFailsAuthenticationInsteadOfReturningGarbage()
    {
        using var writer = Cipher("a", ("a", KeyA));
        using var reader = Cipher("a", ("a", KeyB));

        Assert.Throws<DataKeyException>(() => reader.Decrypt(writer.Encrypt("王小明"u8)));
    }

    [Fact]
    public void AfterRotationOldValuesOpenAndNewOnesNameTheNewKey()
    {
        using var before = Cipher("a", ("a", KeyA));
        using var after = Cipher("b", ("a", KeyA), ("b", KeyB));
        var old = before.Encrypt("old row"u8);

        var fresh = after.Encrypt("new row"u8);

        Assert.Equal("old row"u8.ToArray(), after.Decrypt(old));
        Assert.Equal("b", DataCipher.KeyIdOf(fresh));
        Assert.Throws<DataKeyException>(() => before.Decrypt(fresh));
    }

    [Fact]
    public void PlaintextIsNotMistakenForASealedValue()
    {
        using var cipher = Cipher("a", ("a", KeyA));

        var error = Assert.Throws<DataKeyException>(() => cipher.Decrypt("{\"Name\":\"王小明\"}"u8));

        Assert.Contains("not sealed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextRoundTripsThroughBase64()
    {
        using var cipher = Cipher("a", ("a", KeyA));

        var sealedText = cipher.EncryptString("回访：客户想要北欧风格");

        Assert.Equal("回访：客户想要北欧风格", cipher.DecryptString(sealedText));
        Assert.DoesNotContain("北欧", sealedText, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyThreadsSealAndOpenAtOnce()
    {
        using var cipher = Cipher("a", ("a", KeyA));

        Parallel.For(0, 2_000, i =>
        {
            var text = Encoding.UTF8.GetBytes($"customer {i}");
            Assert.Equal(text, cipher.Decrypt(cipher.Encrypt(text)));
        });
    }

    [Theory]
    [InlineData(null, "a", "Current")]
    [InlineData("b", "a", "not among")]
    [InlineData("a", "a!", "key id")]
    public void SettingsNameWhatIsWrong(string? current, string id, string expected)
    {
        var settings = new DataKeySettings { Current = current, Keys = { [id] = Convert.ToBase64String(KeyA) } };

        var errors = settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsRefuseAKeyThatIsNot32Bytes()
    {
        var settings = new DataKeySettings { Current = "a", Keys = { ["a"] = Convert.ToBase64String(new byte[16]) } };

        var errors = settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("exactly 32", StringComparison.Ordinal));
    }

    [Fact]
    public void JournalDataKeepsOnlyTheDerivationIdsInClear()
    {
        using var cipher = Cipher("a", ("a", KeyA));
        const string data = """{"TaskId":"t-1","LeadId":"s1-3","Rule":"callback","AssigneeId":"m1","DueAt":"2026-12-01T00:00:00+08:00","Summary":"回访王小明","Name":"王小明","Phone":"13912345678"}""";

        var stored = JournalSealing.Seal(data, cipher);

        Assert.Contains("\"TaskId\":\"t-1\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"LeadId\":\"s1-3\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", stored, StringComparison.Ordinal);
        Assert.Equal(data, JournalSealing.Open(stored, cipher));
        using var json = System.Text.Json.JsonDocument.Parse(stored);
        Assert.Equal("回访王小明", JournalSealing.OpenField(json.RootElement.GetProperty("Summary").GetString(), cipher));
    }
}
