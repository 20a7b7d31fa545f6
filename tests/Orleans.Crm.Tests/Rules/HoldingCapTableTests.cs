using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class HoldingCapTableTests
{
    [Theory]
    [InlineData(1, Season.Normal, 2)]
    [InlineData(2, Season.Normal, 2)]
    [InlineData(3, Season.Normal, 1)]
    [InlineData(4, Season.Normal, 1)]
    [InlineData(5, Season.Normal, 1)]
    [InlineData(1, Season.Peak, 3)]
    [InlineData(2, Season.Peak, 3)]
    [InlineData(3, Season.Peak, 2)]
    [InlineData(4, Season.Peak, 2)]
    [InlineData(5, Season.Peak, 1)]
    public void DefaultTableMatchesTheSeed(int rank, Season season, int cap)
    {
        Assert.Equal(cap, HoldingCapTable.Default.CapFor(rank, season));
    }

    [Theory]
    [InlineData(6, Season.Normal)]
    [InlineData(6, Season.Peak)]
    [InlineData(12, Season.Normal)]
    [InlineData(1000, Season.Peak)]
    public void RanksBeyondFiveHoldOneByDefault(int rank, Season season)
    {
        Assert.Equal(1, HoldingCapTable.Default.CapFor(rank, season));
    }

    [Fact]
    public void SwitchingToPeakSeasonRaisesTheTopFourCaps()
    {
        var table = HoldingCapTable.Default;
        for (var rank = 1; rank <= 4; rank++)
        {
            Assert.Equal(table.CapFor(rank, Season.Normal) + 1, table.CapFor(rank, Season.Peak));
        }

        Assert.Equal(table.CapFor(5, Season.Normal), table.CapFor(5, Season.Peak));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void RankBelowOneIsInvalid(int rank)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldingCapTable.Default.CapFor(rank, Season.Normal));
    }

    [Fact]
    public void UnknownSeasonIsInvalid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldingCapTable.Default.CapFor(1, (Season)7));
    }

    [Fact]
    public void ACustomTableUsesItsOwnRowsAndBeyondValue()
    {
        var table = HoldingCapTable.Create([4, 3], [5, 4, 3], beyond: 0);

        Assert.Equal(4, table.CapFor(1, Season.Normal));
        Assert.Equal(3, table.CapFor(2, Season.Normal));
        Assert.Equal(0, table.CapFor(3, Season.Normal));
        Assert.Equal(3, table.CapFor(3, Season.Peak));
        Assert.Equal(0, table.CapFor(4, Season.Peak));
    }

    [Fact]
    public void NegativeCapsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => HoldingCapTable.Create([2, -1], [3], beyond: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldingCapTable.Create([2], [3], beyond: -1));
    }

    [Fact]
    public void TablesWithTheSameNumbersAreEqual()
    {
        var rebuilt = HoldingCapTable.Create([2, 2, 1, 1, 1], [3, 3, 2, 2, 1], beyond: 1);

        Assert.Equal(HoldingCapTable.Default, rebuilt);
        Assert.Equal(HoldingCapTable.Default.GetHashCode(), rebuilt.GetHashCode());
        Assert.NotEqual(HoldingCapTable.Default, HoldingCapTable.Create([2, 2, 1, 1, 1], [3, 3, 2, 2, 1], beyond: 2));
    }
}
