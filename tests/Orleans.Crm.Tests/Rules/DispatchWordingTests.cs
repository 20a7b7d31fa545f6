using Orleans.Crm.Grains.Rules;
using static Orleans.Crm.Tests.Rules.DispatchFixture;

namespace Orleans.Crm.Tests.Rules;

/// <summary>A dispatch's explanation names designers and groups by the names a showroom knows, not by ids.</summary>
public sealed class DispatchWordingTests
{
    [Fact]
    public void TheSummaryAndEveryExplanationLineNameDesignersAndTheOtherGroupsManagerByName()
    {
        var own = Group("mA", "a", d => d with { Holding = d.Cap });
        var other = Group("mB", "b") with { ManagerName = "王经理" };

        var decision = DispatchPlanner.Plan(Request(Lead(), "mA", [own, other]));

        Assert.Equal("b1", decision.DesignerId);
        Assert.Contains("Name of b1", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("王经理's group", decision.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("b1 ", decision.Summary.Replace("Name of b1", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(decision.Explanation, line =>
        {
            Assert.Contains("Name of " + line.DesignerId, line.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(line.DesignerId + " ", line.Reason.Replace("Name of " + line.DesignerId, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void AnUnnamedDesignerOrGroupFallsBackToItsId()
    {
        var unnamed = new DesignerSnapshot("x1", " ", Orleans.Crm.Grains.Model.DesignerLevel.Style, 1, true, 0, 2);

        Assert.Equal("x1", DispatchWording.Designer(unnamed));
        Assert.Equal("mA", DispatchWording.Manager(new DesignGroup("mA", [unnamed])));
        Assert.Equal("王经理", DispatchWording.Manager(new DesignGroup("mA", [unnamed], "王经理")));
    }
}
