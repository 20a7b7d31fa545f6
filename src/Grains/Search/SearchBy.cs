namespace Orleans.Crm.Grains.Search;

/// <summary>What a search's text was read as.</summary>
public enum SearchBy
{
    /// <summary>Digits of a phone number (at least <see cref="SearchText.MinDigits"/>; plain digits also match a running number).</summary>
    Phone,

    /// <summary>Characters of a name (at least <see cref="SearchText.MinNameCharacters"/>).</summary>
    Name,

    /// <summary>A store's running number, written <c>#12</c> or <c>No.12</c>.</summary>
    RunningNumber,
}
