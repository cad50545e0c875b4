using Waypoint.Core.People;

namespace Waypoint.Core.Tests.Demo;

public sealed class DemoNoiseTests(SmallRealisticDemo realistic, SmallDemo clean) : IClassFixture<SmallRealisticDemo>, IClassFixture<SmallDemo>
{
    [Fact]
    public void Generate_RealisticNoise_SomeUpnsAreMissingOrInvalid()
    {
        var header = realistic.Output.Csv("ssda903-header.csv");
        var cin = realistic.Output.CinChildren();
        var sen2 = realistic.Output.Sen2Persons();

        Assert.Contains(header, r => Upn.IsUnknownCode(r["UPN"]));
        Assert.Contains(cin, c => c.Upn is null && c.UpnUnknown is not null);
        Assert.Contains(cin.Select(c => c.Upn).Concat(sen2.Select(p => p.Upn)), upn => upn is not null && !Upn.IsValid(upn));
        // Low rates: most UPNs still link.
        Assert.True(cin.Count(c => Upn.IsValid(c.Upn)) > cin.Count * 0.8);
    }

    [Fact]
    public void Generate_RealisticNoise_SomeBirthDatesHaveDayAndMonthSwapped()
    {
        var truth = realistic.Output.Truth();
        var births = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        void Add(string sourceKey, DateOnly date)
        {
            var person = truth[sourceKey];
            if (!births.TryGetValue(person, out var dates)) births[person] = dates = [];
            dates.Add(date);
        }
        foreach (var r in realistic.Output.Csv("ssda903-header.csv")) Add("903:ssda903-header.csv:" + r["CHILD"], DemoOutput.Uk(r["DOB"]));
        foreach (var c in realistic.Output.CinChildren()) Add("CIN:cin.xml:" + c.Id, c.BirthDate);
        foreach (var p in realistic.Output.Sen2Persons()) Add("SEN2:sen2.xml:" + p.Position, p.BirthDate);

        var swapped = births.Values.Count(dates => dates.Exists(a => dates.Exists(b => a.Year == b.Year && a.Day == b.Month && a.Month == b.Day && a != b)));

        Assert.InRange(swapped, 1, births.Count / 20);
    }

    [Fact]
    public void Generate_RealisticNoise_NamesAndNhsNumbersVarySometimes()
    {
        var cld = realistic.Output.Csv("cld.csv");
        var sen2Names = realistic.Output.Sen2Persons().Select(p => p.Forename).ToHashSet(StringComparer.Ordinal);
        var cleanNames = clean.Output.Sen2Persons().Select(p => p.Forename).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(cld, r => r["NHS Number"].Length == 0);
        Assert.All(cld.Where(r => r["NHS Number"].Length > 0), r => Assert.True(NhsNumber.IsValid(r["NHS Number"])));
        Assert.True(sen2Names.Except(cleanNames).Any(), "no short forms or typos in SEN2 forenames");
        Assert.Contains(realistic.Output.Csv("ssda903-header.csv"), r => r["SEX"] is "1" or "2");
    }

    [Fact]
    public void Generate_RealisticNoise_KeepsFormatValid()
    {
        foreach (var r in realistic.Output.Csv("ssda903-header.csv"))
        {
            Assert.Matches("^[0-9]{7}$", r["CHILD"]);
            _ = DemoOutput.Uk(r["DOB"]);
            Assert.True(Upn.IsValid(r["UPN"]) || Upn.IsUnknownCode(r["UPN"]), r["UPN"]);
        }
        Assert.All(realistic.Output.CinChildren(), c => Assert.True((c.Upn is null) != (c.UpnUnknown is null)));
        Assert.All(realistic.Output.Csv("cld.csv"), r => Assert.True(Postcode.HasValidShape(r["Postcode"]), r["Postcode"]));
        Assert.All(realistic.Output.Sen2Persons(), p => Assert.True(Postcode.HasValidShape(p.Postcode), p.Postcode));
    }

    [Fact]
    public void Generate_NoNoise_SourcesAgreeOnNamesBirthDatesAndPostcodes()
    {
        var truth = clean.Output.Truth();
        var sen2 = clean.Output.Sen2Persons().ToDictionary(p => truth["SEN2:sen2.xml:" + p.Position], StringComparer.Ordinal);
        var compared = 0;
        foreach (var row in clean.Output.Csv("cld.csv"))
        {
            if (!sen2.TryGetValue(truth["CLD:cld.csv:" + row["LA Person Unique Identifier"]], out var person)) continue;
            Assert.Equal(person.Forename, row["First Name"]);
            Assert.Equal(person.Surname, row["Last Name"]);
            Assert.Equal(person.BirthDate, DemoOutput.Uk(row["Date of Birth"]));
            Assert.Equal(person.Postcode, row["Postcode"]);
            compared++;
        }
        Assert.True(compared > 0);
    }
}
