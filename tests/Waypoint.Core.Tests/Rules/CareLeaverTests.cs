using Waypoint.Core.Rules;

namespace Waypoint.Core.Tests.Rules;

/// <summary>Care-leaver status from 903 episodes, one case per definition and route in domain.md.</summary>
public sealed class CareLeaverTests
{
    // Born 3 May 2010: 14 on 3 May 2024, 16 on 3 May 2026, 18 on 3 May 2028, 21 on 3 May 2031, 25 on 3 May 2035.
    private static readonly DateOnly Born = new(2010, 5, 3);
    private static readonly DateOnly B13 = Born.AddYears(13);
    private static readonly DateOnly B14 = Born.AddYears(14);
    private static readonly DateOnly B16 = Born.AddYears(16);
    private static readonly DateOnly B18 = Born.AddYears(18);
    private static readonly RulesPolicy Policy = new();

    private static PersonFacts Child(params EpisodeFact[] episodes)
    {
        var facts = new PersonFacts { PersonId = 1, Reference = "R", DateOfBirth = Born };
        foreach (var e in episodes) facts.Add(e);
        return facts;
    }

    private static EpisodeFact Care(DateOnly start, DateOnly? end, string rec = "E8", string ls = "C2", string place = "U1", string? urn = null) =>
        new(start, end, ls, place, end is null ? null : rec, null, urn);

    private static CareLeaverFinding Assess(PersonFacts facts, DateOnly asOf) => CareLeaver.Assess(facts, asOf, Policy);

    [Theory]
    // Open episode as of the 16th birthday (the as-of day counts): 90 days is not enough, 91 is.
    [InlineData(-89, "none", 90)]
    [InlineData(-90, "eligible", 91)]
    public void Ninety_versus_ninety_one_days_open(int startFrom16, string expected, int days)
    {
        var finding = Assess(Child(Care(B16.AddDays(startFrom16), null)), B16);
        Assert.Equal(expected, finding.Id);
        Assert.Equal(days, finding.DaysSince14);
    }

    [Theory]
    // A closed episode (end exclusive) over the 16th birthday: left with 90 days is qualifying, with 91 relevant.
    [InlineData(30, "qualifying")]
    [InlineData(31, "relevant")]
    public void Ninety_versus_ninety_one_days_closed(int endAfter16, string expected)
    {
        var finding = Assess(Child(Care(B16.AddDays(-60), B16.AddDays(endAfter16))), B16.AddDays(60));
        Assert.Equal(expected, finding.Id);
    }

    [Fact]
    public void Thirteen_weeks_made_of_several_episodes_with_gaps()
    {
        var facts = Child(
            Care(B14.AddDays(100), B14.AddDays(130), rec: "E4A"),
            Care(B14.AddDays(400), B14.AddDays(430), rec: "E4A"),
            Care(B16.AddDays(-10), null));
        var finding = Assess(facts, B16.AddDays(20));
        Assert.Equal("eligible", finding.Id);
        Assert.Equal(30 + 30 + 31, finding.DaysSince14);
        Assert.Equal(B16.AddDays(20), finding.BecameEligible);
        Assert.Equal(3, finding.Decisive.Count);
    }

    [Fact]
    public void Days_before_the_14th_birthday_do_not_count()
    {
        var finding = Assess(Child(Care(B13, B14.AddDays(10)), Care(B16.AddDays(-20), null)), B16.AddDays(5));
        Assert.Equal("none", finding.Id);
        Assert.Equal(10 + 26, finding.DaysSince14);
    }

    [Theory]
    // Looked after from 13: leaving at 16 and one day leaves one counted day after 16 (relevant); leaving the day before
    // the 16th birthday, at 15 years 364 days, leaves none (not a care leaver at all).
    [InlineData(1, "relevant")]
    [InlineData(-1, "none")]
    [InlineData(0, "none")]
    public void Looked_after_from_13_and_leaving_around_16(int endFrom16, string expected)
    {
        var finding = Assess(Child(Care(B13, B16.AddDays(endFrom16))), B16.AddDays(40));
        Assert.Equal(expected, finding.Id);
    }

    /// <summary>Twenty five-day breaks (under ten a year) with the same carer, each ending at home, from 14 to just past 16.</summary>
    private static List<EpisodeFact> ShortBreakSeries(int count = 20, int length = 5, int spacing = 38)
    {
        var breaks = new List<EpisodeFact>();
        for (var i = 0; i < count; i++)
        {
            var start = B14.AddDays(10 + (i * spacing));
            breaks.Add(new EpisodeFact(start, start.AddDays(length), "V4", "U4", "E4A", "DM1 1AA", "SC000001"));
        }
        // The last one is still going on the as-of date.
        breaks[^1] = breaks[^1] with { End = null, ReasonCeased = null };
        return breaks;
    }

    [Fact]
    public void Short_breaks_that_keep_every_reg_48_condition_do_not_count()
    {
        var series = ShortBreakSeries();
        var finding = Assess(Child([.. series]), series[^1].Start.AddDays(2));
        Assert.Equal("none", finding.Id);
        Assert.Null(finding.ShortBreakProblem);
    }

    public static TheoryData<string, Func<List<EpisodeFact>, List<EpisodeFact>>> BrokenConditions => new()
    {
        { "more than 17", s => [.. s.Select((e, i) => i == 3 ? e with { End = e.Start.AddDays(18) } : e)] },
        { "more than 75", s => [.. s.Select((e, i) => i < 16 ? e with { Start = B14.AddDays(10 + (i * 20)), End = B14.AddDays(15 + (i * 20)) } : e)] },
        { "different carers or places", s => [.. s.Select((e, i) => i == 5 ? e with { Urn = "SC000002" } : e)] },
        { "return to a parent", s => [.. s.Select((e, i) => i == 2 ? e with { ReasonCeased = "E8" } : e)] },
        { "care order", s => [.. s, Care(B14.AddDays(200), B14.AddDays(205), rec: "E4A", ls: "C1")] },
    };

    [Theory]
    [MemberData(nameof(BrokenConditions))]
    public void Short_breaks_that_break_a_reg_48_condition_count_and_are_flagged(string condition, Func<List<EpisodeFact>, List<EpisodeFact>> breakIt)
    {
        var series = breakIt(ShortBreakSeries());
        var last = series.Where(e => e.End is null).Max(e => e.Start);
        var finding = Assess(Child([.. series.OrderBy(e => e.Start)]), last.AddDays(2));
        Assert.Equal("eligible", finding.Id);
        Assert.NotNull(finding.ShortBreakProblem);
        Assert.Contains(condition, finding.ShortBreakProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seventeen_day_break_is_allowed()
    {
        var series = ShortBreakSeries().Select((e, i) => i == 3 ? e with { End = e.Start.AddDays(17) } : e).ToList();
        Assert.Null(Assess(Child([.. series]), series[^1].Start.AddDays(2)).ShortBreakProblem);
    }

    [Fact]
    public void Detained_on_the_16th_birthday_after_13_weeks_is_relevant()
    {
        var finding = Assess(Child(Care(B14.AddDays(200), B16.AddDays(-30), rec: "E9", ls: "V2")), B16.AddDays(10));
        Assert.Equal("relevant", finding.Id);
        Assert.Equal(B16, finding.StatusSince);
        Assert.Contains("custody", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Detained_under_a_care_order_is_not_the_detention_route()
    {
        Assert.Equal("none", Assess(Child(Care(B14.AddDays(200), B16.AddDays(-30), rec: "E9", ls: "C2")), B16.AddDays(10)).Id);
    }

    [Fact]
    public void Leaving_care_before_16_for_another_reason_is_not_relevant()
    {
        Assert.Equal("none", Assess(Child(Care(B14.AddDays(200), B16.AddDays(-30), rec: "E8")), B16.AddDays(10)).Id);
    }

    [Theory]
    // An eligible child who went home (E4A) at 16 and a half: relevant for six months, then not, unless it broke down.
    [InlineData(90, false, "relevant")]
    [InlineData(200, false, "qualifying")]
    [InlineData(200, true, "relevant")]
    public void Six_months_at_home_and_a_breakdown(int daysAtHome, bool brokeDown, string expected)
    {
        var left = B16.AddDays(180);
        var facts = Child(Care(B14, left, rec: "E4A"));
        if (brokeDown) facts.Add(new EvidenceFact(CareLeaver.EvidenceRuleId, left.AddDays(190), CareLeaver.HomeBreakdown));
        var finding = Assess(facts, left.AddDays(daysAtHome));
        Assert.Equal(expected, finding.Id);
    }

    [Fact]
    public void Six_months_at_home_may_begin_before_leaving_care()
    {
        // Placed with parents (P1) from 16 and a quarter, left care at 16 and a half: not relevant from 16 and three quarters.
        var facts = Child(Care(B14, B16.AddDays(90), rec: "X1"), Care(B16.AddDays(90), B16.AddDays(180), rec: "E4A", place: "P1"));
        Assert.Equal("relevant", Assess(facts, B16.AddDays(200)).Id);
        Assert.Equal("qualifying", Assess(facts, B16.AddDays(90).AddMonths(6)).Id);
    }

    [Theory]
    // Looked after on the 18th birthday and eligible before: former relevant from 18, to 25.
    [InlineData(30, "former-relevant")]
    [InlineData(365 * 4, "former-relevant")]
    [InlineData(365 * 7 + 2, "none")]
    public void Looked_after_at_18_is_former_relevant_to_25(int daysAfter18, string expected)
    {
        var finding = Assess(Child(Care(B14, B18, rec: "E17", place: "U1")), B18.AddDays(daysAfter18));
        Assert.Equal(expected, finding.Id);
        if (expected == "former-relevant") Assert.Equal("U1", finding.LookedAfterAt18?.Placement);
    }

    [Fact]
    public void A_relevant_child_becomes_former_relevant_at_18()
    {
        var facts = Child(Care(B14, B16.AddDays(300), rec: "E5"));
        Assert.Equal("relevant", Assess(facts, B18.AddDays(-1)).Id);
        var at18 = Assess(facts, B18);
        Assert.Equal("former-relevant", at18.Id);
        Assert.Contains("was a relevant child", at18.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_21_the_former_relevant_explanation_names_the_three_routes_to_25()
    {
        var finding = Assess(Child(Care(B14, B18, rec: "E5")), Born.AddYears(22));
        Assert.Equal("former-relevant", finding.Id);
        Assert.Contains("s.23C(7)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("s.23CA", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("s.23CZB", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    // Looked after for a few weeks at 16 and a half: qualifying to 21.
    [InlineData(365, "qualifying")]
    [InlineData((365 * 5) + 2, "none")]
    public void Looked_after_after_16_but_not_eligible_is_qualifying_to_21(int daysAfter16, string expected)
    {
        Assert.Equal(expected, Assess(Child(Care(B16.AddDays(180), B16.AddDays(220), rec: "E13")), B16.AddDays(daysAfter16)).Id);
    }

    [Fact]
    public void A_special_guardianship_order_made_from_care_is_qualifying_from_16()
    {
        var facts = Child(Care(Born.AddYears(8), Born.AddYears(10), rec: "E45"));
        Assert.Equal("none", Assess(facts, B16.AddDays(-1)).Id);
        Assert.Equal("qualifying", Assess(facts, B16.AddDays(1)).Id);
        Assert.Contains("special guardianship", Assess(facts, B16.AddDays(1)).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void No_date_of_birth_is_reported_not_crashed()
    {
        var facts = new PersonFacts { PersonId = 2, Reference = "X" };
        facts.Add(Care(new DateOnly(2020, 1, 1), null));
        var finding = Assess(facts, new DateOnly(2026, 11, 22));
        Assert.Equal("none", finding.Id);
        Assert.Contains("No date of birth", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_future_as_of_date_counts_open_episodes_to_that_date()
    {
        var facts = Child(Care(B14.AddDays(100), null));
        Assert.Equal("none", Assess(facts, B16.AddDays(-200)).Id);
        Assert.Equal("eligible", Assess(facts, B16.AddDays(10)).Id);
        Assert.Equal("former-relevant", Assess(facts, B18.AddDays(10)).Id);
    }

    [Fact]
    public void Episodes_after_the_as_of_date_are_ignored_and_later_endings_are_open()
    {
        var facts = Child(Care(B14, B16.AddDays(100), rec: "E4A"));
        var before = Assess(facts, B16.AddDays(50));
        Assert.Equal("eligible", before.Id);
    }
}
