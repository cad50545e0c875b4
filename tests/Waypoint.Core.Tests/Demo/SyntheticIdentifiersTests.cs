using Waypoint.Core.Demo;
using Waypoint.Core.People;

namespace Waypoint.Core.Tests.Demo;

public sealed class SyntheticIdentifiersTests
{
    [Fact]
    public void Permute_SmallDomain_IsABijection()
    {
        var seen = Enumerable.Range(0, 1000).Select(i => SyntheticIdentifiers.Permute(i, 1000, 12345)).ToHashSet();

        Assert.Equal(1000, seen.Count);
        Assert.All(seen, v => Assert.InRange(v, 0, 999));
    }

    [Fact]
    public void Identifiers_ManyPeople_AreValidAndUnique()
    {
        var ids = new SyntheticIdentifiers(5, "999");
        const int people = 20_000;
        var upns = Enumerable.Range(0, people).Select(ids.Upn).ToList();
        var nhs = Enumerable.Range(0, people).Select(ids.NhsNumber).ToList();
        var children = Enumerable.Range(0, people).Select(ids.ChildId).ToList();
        var adults = Enumerable.Range(0, people).Select(ids.AdultId).ToList();
        var ulns = Enumerable.Range(0, people).Select(ids.Uln).ToList();

        Assert.All(upns, u => Assert.True(Upn.IsValid(u) && u[1..4] == "999", u));
        Assert.All(nhs, n => Assert.True(NhsNumber.IsValid(n), n));
        Assert.All(children, c => Assert.Matches("^[1-9][0-9]{6}$", c));
        Assert.All(ulns, u => Assert.Matches("^[0-9]{10}$", u));
        Assert.Equal(people, upns.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(people, nhs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(people, children.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(people, ulns.Distinct(StringComparer.Ordinal).Count());
        Assert.All(adults, a => Assert.StartsWith("A", a, StringComparison.Ordinal));
    }

    [Fact]
    public void FormerUpn_IsAValidUpnFromAnotherCouncil()
    {
        var ids = new SyntheticIdentifiers(5, "999");

        Assert.All(Enumerable.Range(0, 100).Select(ids.FormerUpn), u => Assert.True(Upn.IsValid(u) && u[1..4] != "999", u));
    }

    [Fact]
    public void Mistype_AnyUpn_MakesItInvalid()
    {
        var ids = new SyntheticIdentifiers(9, "999");
        var random = new DemoRandom(1, 2, 3);

        Assert.All(Enumerable.Range(0, 2000).Select(i => IdentityNoise.Mistype(ids.Upn(i), random)), u => Assert.False(Upn.IsValid(u), u));
    }

    [Fact]
    public void Postcodes_HomeAndAway_HaveValidShapesAndDifferentAreas()
    {
        var random = new DemoRandom(1, 1, 1);
        var home = Enumerable.Range(0, 500).Select(_ => SyntheticIdentifiers.HomePostcode(random)).ToList();
        var away = Enumerable.Range(0, 500).Select(_ => SyntheticIdentifiers.OtherAreaPostcode(random)).ToList();

        Assert.All(home.Concat(away), p => Assert.True(Postcode.HasValidShape(p), p));
        Assert.All(home, p => Assert.StartsWith("DM", p, StringComparison.Ordinal));
        Assert.DoesNotContain(away, p => p.StartsWith("DM", StringComparison.Ordinal));
    }
}
