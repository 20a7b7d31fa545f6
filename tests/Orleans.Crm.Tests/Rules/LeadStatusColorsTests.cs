using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Tests.Rules;

public class LeadStatusColorsTests
{
    [Theory]
    [InlineData(LeadStatus.Normal, "black")]
    [InlineData(LeadStatus.Measured, "blue")]
    [InlineData(LeadStatus.Deposit, "green")]
    [InlineData(LeadStatus.KeyFollowUp, "rose")]
    [InlineData(LeadStatus.Signed, "red")]
    [InlineData(LeadStatus.Invalid, "yellow")]
    [InlineData(LeadStatus.Lost, "grey")]
    public void EachStatusHasTheRegisterColour(LeadStatus status, string colour)
    {
        Assert.Equal(colour, status.ColorName());
    }

    [Fact]
    public void EveryStatusHasADistinctColour()
    {
        var colours = Enum.GetValues<LeadStatus>().Select(s => s.ColorName()).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
    }

    [Fact]
    public void AnUnknownStatusHasNoColour()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((LeadStatus)99).ColorName());
    }
}
