using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Search;

namespace Orleans.Crm.Tests.Rules;

/// <summary>How the search reads its text, and the blind index's tokens (issue 15 / 14).</summary>
public sealed class SearchTextTests
{
    private static readonly BlindIndex Index = new CustomerIdentity("search-text-tests-identity-key-0123456789ab").Search;

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("0086-138-1234-5678", "13812345678")]
    [InlineData("１３８１２３４５６７８", "13812345678")]
    [InlineData("+86 21 6488 1234", "02164881234")]
    [InlineData("021-6488 1234", "02164881234")]
    [InlineData("1234 5678", "12345678")]
    [InlineData("+86 1381", "1381")]
    [InlineData("5678", "5678")]
    public void APhoneInAnyNotationIsReadAsItsDigits(string q, string digits)
    {
        var terms = SearchText.Parse(q);
        Assert.Equal((SearchBy.Phone, digits), (terms.By, terms.Text));
    }

    [Theory]
    [InlineData("Wang Lei", "wanglei")]
    [InlineData("ＷＡＮＧ", "wang")]
    [InlineData("阿卜杜·热合曼", "阿卜杜热合曼")]
    [InlineData(" 小明 ", "小明")]
    public void ANameIsReadLowerCaseWithoutSpacesOrDots(string q, string key) =>
        Assert.Equal((SearchBy.Name, key), (SearchText.Parse(q).By, SearchText.Parse(q).Text));

    [Theory]
    [InlineData("#12", 12)]
    [InlineData("No. 7", 7)]
    [InlineData("no.7", 7)]
    public void ARunningNumberIsMarked(string q, int number) =>
        Assert.Equal((SearchBy.RunningNumber, (int?)number), (SearchText.Parse(q).By, SearchText.Parse(q).RunningNumber));

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("1-2-3")]
    [InlineData("王")]
    [InlineData("#0")]
    [InlineData("#abc")]
    public void TooLittleToSearchIsRefusedNamingQ(string q)
    {
        var refused = Assert.Throws<CrmException>(() => SearchText.Parse(q));
        Assert.Equal(("q", CrmErrorKind.Invalid), (refused.Field, refused.Kind));
    }

    [Fact]
    public void EveryRunOfFourOrMoreDigitsAndEveryBigramIsATokenAndTheSearchComputesTheSameOnes()
    {
        var tokens = Index.TokensOf("王小明", "13812345678");

        // 8 + 7 + … + 1 digit runs of 4 to 11 digits, and 2 bigrams.
        Assert.Equal(36 + 2, tokens.Length);
        Assert.Subset(tokens.ToHashSet(), Index.TokensOf(SearchText.Parse("2345 67")).ToHashSet());
        Assert.Subset(tokens.ToHashSet(), Index.TokensOf(SearchText.Parse("王小")).ToHashSet());
        Assert.DoesNotContain(Index.TokensOf(SearchText.Parse("1389")).Single(), tokens);
        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{32}$", t));
    }

    [Fact]
    public void AnotherIdentityKeyGivesOtherTokens()
    {
        var other = new CustomerIdentity("another-identity-key-for-search-tests-0123456").Search;
        Assert.Empty(Index.TokensOf("王小明", "13812345678").Intersect(other.TokensOf("王小明", "13812345678")));
    }
}
