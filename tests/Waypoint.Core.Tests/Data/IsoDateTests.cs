using Waypoint.Core.Data;

namespace Waypoint.Core.Tests.Data;

public class IsoDateTests
{
    [Theory]
    [InlineData("2026-11-22", 2026, 11, 22)]
    [InlineData("2008-02-29", 2008, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    public void Parse_ReadsWhatSqliteStores(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), IsoDate.Parse(text));

    [Theory]
    [InlineData("2026-1x-22")]
    [InlineData("2026-02-30")]
    public void Parse_RefusesWhatIsNotADate(string text) =>
        Assert.ThrowsAny<Exception>(() => IsoDate.Parse(text));

    [Fact]
    public void RoundTrip_KeepsTheStoredText()
    {
        var converter = new IsoDate();
        var date = new DateOnly(2026, 3, 1);
        Assert.Equal("2026-03-01", converter.ConvertToProvider(date));
        Assert.Equal(date, converter.ConvertFromProvider("2026-03-01"));
    }
}
