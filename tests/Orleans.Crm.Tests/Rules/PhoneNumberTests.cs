using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData(" 13812345678 ")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("86-138-1234-5678")]
    [InlineData("8613812345678")]
    [InlineData("0086 13812345678")]
    [InlineData("0086-138-1234-5678")]
    [InlineData("(+86)138-1234-5678")]
    [InlineData("(86) 138 1234 5678")]
    [InlineData("138.1234.5678")]
    [InlineData("138-1234-5678")]
    [InlineData("(138) 1234-5678")]
    [InlineData("＋８６ １３８ １２３４ ５６７８")]
    [InlineData("１３８－１２３４－５６７８")]
    public void CommonWaysOfWritingTheSameMobileNormaliseToElevenDigits(string input)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var normalized, out var error), error);
        Assert.Equal("13812345678", normalized);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("13012345678")]
    [InlineData("14512345678")]
    [InlineData("15912345678")]
    [InlineData("16612345678")]
    [InlineData("17712345678")]
    [InlineData("18812345678")]
    [InlineData("19912345678")]
    public void EverySecondDigitFromThreeToNineIsAMobilePrefix(string input)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var normalized, out _));
        Assert.Equal(input, normalized);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("--()", "no digits")]
    [InlineData("010-12345678", "landline")]
    [InlineData("021-0488 1234", "landline")]
    [InlineData("021-6488 123", "landline")]
    [InlineData("021-6488 12345", "landline")]
    [InlineData("0377-632123", "landline")]
    [InlineData("0377-632123456", "landline")]
    [InlineData("011-64881234", "area code")]
    [InlineData("0021 6488 1234", "+86")]
    [InlineData("021", "no local number")]
    [InlineData("6488 1234", "area code")]
    [InlineData("632 1234", "area code")]
    [InlineData("1381234567", "too short")]
    [InlineData("138 1234", "too short")]
    [InlineData("138123456789", "too long")]
    [InlineData("+86 1381234567890", "too long")]
    [InlineData("12812345678", "second digit")]
    [InlineData("11012345678", "second digit")]
    [InlineData("23812345678", "starts with 1")]
    [InlineData("138abc45678", "invalid character")]
    [InlineData("tel:13812345678", "invalid character")]
    [InlineData("138/1234/5678", "invalid character")]
    [InlineData("+1 415 555 0100", "+86")]
    [InlineData("0044 7911 123456", "+86")]
    [InlineData("138+12345678", "'+'")]
    [InlineData("++8613812345678", "'+'")]
    public void InvalidNumbersAreRefusedWithAReason(string? input, string reasonFragment)
    {
        Assert.False(PhoneNumber.TryNormalize(input, out var normalized, out var error));
        Assert.Equal(string.Empty, normalized);
        Assert.Contains(reasonFragment, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("021-6488 1234", "021-64881234")]
    [InlineData("021 6488 1234", "021-64881234")]
    [InlineData("02164881234", "021-64881234")]
    [InlineData("(021) 6488-1234", "021-64881234")]
    [InlineData("+86 21 6488 1234", "021-64881234")]
    [InlineData("+86 (0)21 6488 1234", "021-64881234")]
    [InlineData("0086-21-64881234", "021-64881234")]
    [InlineData("（０２１）６４８８　１２３４", "021-64881234")]
    [InlineData("010-8888 6666", "010-88886666")]
    [InlineData("0377-6321234", "0377-6321234")]
    [InlineData("(0377) 6321234", "0377-6321234")]
    [InlineData("+86 377 632 1234", "0377-6321234")]
    [InlineData("0371-61234567", "0371-61234567")]
    [InlineData("+86 0371 6123456", "0371-6123456")]
    public void LandlinesWithAnAreaCodeNormaliseToAreaDashLocal(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void ALandlineAndAMobileNeverShareANormalisedForm()
    {
        // The same eleven digits as a landline and as (a would-be) mobile: only the area code's trunk 0 tells them apart.
        Assert.True(PhoneNumber.TryNormalize("02164881234", out var landline, out _));
        Assert.True(PhoneNumber.TryNormalize("13964881234", out var mobile, out _));
        Assert.NotEqual(landline, mobile);
        Assert.Contains('-', landline);
        Assert.DoesNotContain('-', mobile);
    }

    [Fact]
    public void NormalizeThrowsFormatExceptionWithTheReason()
    {
        var ex = Assert.Throws<FormatException>(() => PhoneNumber.Normalize("010-12345678"));
        Assert.Contains("landline", ex.Message, StringComparison.Ordinal);
        Assert.Equal("13812345678", PhoneNumber.Normalize("+86 138 1234 5678"));
    }

    [Fact]
    public void MaskHidesTheMiddleFourDigits()
    {
        Assert.Equal("138****5678", PhoneNumber.Mask("13812345678"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1381234567")]
    [InlineData("138-1234-5678")]
    [InlineData("+8613812345678")]
    public void MaskRefusesANumberThatIsNotNormalised(string input)
    {
        Assert.Throws<ArgumentException>(() => PhoneNumber.Mask(input));
    }
}
