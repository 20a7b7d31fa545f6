using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Tests.Rules;

public class CustomerMaskTests
{
    [Theory]
    [InlineData("王小明", "王**")]
    [InlineData("王", "王**")]
    [InlineData("欧阳娜娜", "欧**")]
    [InlineData("  李四 ", "李**")]
    [InlineData("Wang Lei", "Wang **")]
    [InlineData("Wang", "W**")]
    [InlineData("𠮷野家", "𠮷**")]
    [InlineData("", "**")]
    [InlineData("   ", "**")]
    [InlineData(null, "**")]
    public void OnlyTheFirstCharacterOrFirstWordIsShown(string? name, string expected)
    {
        Assert.Equal(expected, CustomerMask.Name(name));
    }
}
