using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>A group is ranked by score; ties go to more contracts, then more output, then the rank held now.</summary>
public class GroupRankingTests
{
    [Fact]
    public void TheHigherScoreRanksFirst()
    {
        var ranks = GroupRanking.Rank([new("a", 50, 0, 0, 1), new("b", 70.5m, 0, 0, 2), new("c", 60, 0, 0, 3)]);

        Assert.Equal([("b", 1), ("c", 2), ("a", 3)], ranks.OrderBy(r => r.Value).Select(r => (r.Key, r.Value)));
    }

    [Fact]
    public void AScoreTieGoesToMoreContracts()
    {
        var ranks = GroupRanking.Rank([new("a", 60, 1, 900_000, 1), new("b", 60, 2, 10_000, 2)]);

        Assert.Equal((1, 2), (ranks["b"], ranks["a"]));
    }

    [Fact]
    public void AScoreAndContractsTieGoesToMoreOutput()
    {
        var ranks = GroupRanking.Rank([new("a", 60, 2, 100_000, 1), new("b", 60, 2, 100_000.01m, 2)]);

        Assert.Equal((1, 2), (ranks["b"], ranks["a"]));
    }

    [Fact]
    public void ACompleteTieKeepsTheRanksHeldNow()
    {
        // A quiet half month (nothing recorded, nothing entered) changes no rank.
        var ranks = GroupRanking.Rank([new("z", 0, 0, 0, 1), new("a", 0, 0, 0, 3), new("m", 0, 0, 0, 2)]);

        Assert.Equal((1, 2, 3), (ranks["z"], ranks["m"], ranks["a"]));
    }
}
