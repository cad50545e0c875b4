using CsCheck;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Tests.Rules;

/// <summary>Each rule of domain.md's table, one case per status, and the invariants every evaluation keeps.</summary>
public sealed class StatutoryClockTests
{
    private static readonly RulesPolicy Policy = new() { OwnArea = ["DM"] };

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static PersonFacts Born(string dob) => new() { PersonId = 1, Reference = "R", DateOfBirth = D(dob) };

    private static PersonFacts WithPlan(string dob, string need = "SLD", string start = "2015-01-01", string? ceased = null)
    {
        var facts = Born(dob).Add(new EhcPlanFact(D(start), ceased is null ? null : D(ceased), false));
        facts.EhcPrimaryNeed = need;
        return facts;
    }

    private static Milestone Rule(PersonFacts facts, string asOf, string id, RulesPolicy? policy = null) =>
        StatutoryClock.Evaluate(facts, D(asOf), policy ?? Policy).Milestones.Single(m => m.Rule.Id == id);

    private static void Is(Milestone milestone, MilestoneStatus status, string? due)
    {
        Assert.Equal(status, milestone.Status);
        Assert.Equal(due, milestone.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(string.IsNullOrWhiteSpace(milestone.Explanation));
    }

    [Fact]
    public void Every_rule_of_the_table_is_there_once_with_a_source_and_an_owner()
    {
        string[] ids = ["Y9-PFA", "NICE-PLAN", "NICE-WORKER", "CC-14", "CL-ASSESS", "CL-PATHWAY", "DLA-PIP", "MCA-16", "TA-DUE", "TA-REFUSED",
            "CHC-SCREEN", "CHC-DECIDE", "AT-18", "PA-21", "PA-25", "STAY-PUT", "EHCP-25"];
        Assert.Equal(ids, StatutoryClock.Milestones.Select(r => r.Id));
        Assert.Equal(["HIGH-COST", "OUT-AREA", "YOUNG-CARER", "TURNING-18", "SHORT-BREAK-CHECK"], StatutoryClock.Flags.Select(r => r.Id));
        Assert.All(StatutoryClock.Milestones.Concat(StatutoryClock.Flags), r => Assert.False(string.IsNullOrWhiteSpace(r.Source + r.Owner + r.Name)));
    }

    [Theory]
    // Born 1 September 2011: turns 14 on the first day of the school year, so Year 9 is 2025-26.
    [InlineData("2011-09-01", "2025-06-01", MilestoneStatus.Upcoming, "2026-08-31")]
    [InlineData("2011-09-01", "2025-10-01", MilestoneStatus.Due, "2026-08-31")]
    [InlineData("2011-09-01", "2026-09-01", MilestoneStatus.Overdue, "2026-08-31")]
    // Born 31 August 2011: the youngest in the year above, so Year 9 is 2024-25.
    [InlineData("2011-08-31", "2025-06-01", MilestoneStatus.Due, "2025-08-31")]
    public void Y9_PFA_is_due_through_the_school_year_of_Year_9(string dob, string asOf, MilestoneStatus status, string due) =>
        Is(Rule(WithPlan(dob), asOf, "Y9-PFA"), status, due);

    [Fact]
    public void Y9_PFA_is_met_by_a_recorded_review_and_does_not_apply_without_a_plan()
    {
        Is(Rule(WithPlan("2011-09-01").Add(new EvidenceFact("Y9-PFA", D("2026-03-01"), "met")), "2026-09-01", "Y9-PFA"), MilestoneStatus.Met, "2026-08-31");
        Is(Rule(Born("2011-09-01"), "2026-09-01", "Y9-PFA"), MilestoneStatus.NotApplicable, "2026-08-31");
    }

    [Fact]
    public void NICE_PLAN_is_due_by_the_end_of_Year_9_or_at_once_when_first_known_later()
    {
        Is(Rule(WithPlan("2011-09-01"), "2026-09-01", "NICE-PLAN"), MilestoneStatus.Overdue, "2026-08-31");
        var late = WithPlan("2011-09-01", start: "2027-02-01");
        late.KnownOn(D("2027-01-15"));
        Is(Rule(late, "2027-03-01", "NICE-PLAN"), MilestoneStatus.Overdue, "2027-01-15");
        var identified = WithPlan("2011-09-01");
        identified.Case = new CaseFact(TransitionsStage.Identified, D("2026-01-10"), D("2026-01-10"), null);
        Is(Rule(identified, "2026-09-01", "NICE-PLAN"), MilestoneStatus.Met, "2026-08-31");
        Is(Rule(WithPlan("2011-09-01", need: "MLD"), "2026-09-01", "NICE-PLAN"), MilestoneStatus.NotApplicable, "2026-08-31");
    }

    [Fact]
    public void NICE_WORKER_is_owed_while_a_case_is_open()
    {
        var facts = Born("2010-01-01");
        Is(Rule(facts, "2026-01-01", "NICE-WORKER"), MilestoneStatus.NotApplicable, null);
        facts.Case = new CaseFact(TransitionsStage.Referred, D("2025-12-01"), D("2025-12-01"), null);
        Is(Rule(facts, "2026-01-01", "NICE-WORKER"), MilestoneStatus.Overdue, "2025-12-01");
        facts.Case = facts.Case with { NamedWorker = "a.worker" };
        Is(Rule(facts, "2026-01-01", "NICE-WORKER"), MilestoneStatus.Met, "2025-12-01");
    }

    [Theory]
    [InlineData("CC-14", "2023-01-01", MilestoneStatus.Upcoming, "2024-05-03")]
    [InlineData("CC-14", "2024-05-04", MilestoneStatus.Overdue, "2024-05-03")]
    [InlineData("CHC-SCREEN", "2026-03-01", MilestoneStatus.Due, "2026-05-03")]
    [InlineData("CHC-DECIDE", "2027-06-01", MilestoneStatus.Due, "2027-08-03")]
    [InlineData("CHC-DECIDE", "2027-08-04", MilestoneStatus.Overdue, "2027-08-03")]
    public void Continuing_healthcare_milestones_for_profound_and_multiple_learning_difficulty(string id, string asOf, MilestoneStatus status, string due) =>
        Is(Rule(WithPlan("2010-05-03", need: "PMLD"), asOf, id), status, due);

    [Fact]
    public void CHC_DECIDE_follows_the_local_grace_period_and_a_negative_checklist()
    {
        var longer = Policy with { ContinuingHealthcareGraceMonths = 6 };
        Is(Rule(WithPlan("2010-05-03", need: "PMLD"), "2027-06-01", "CHC-DECIDE", longer), MilestoneStatus.Upcoming, "2027-11-03");
        var screenedOut = WithPlan("2010-05-03", need: "PMLD").Add(new EvidenceFact("CHC-SCREEN", D("2026-06-01"), StatutoryClock.ScreenedOut));
        Is(Rule(screenedOut, "2027-06-01", "CHC-SCREEN"), MilestoneStatus.Met, "2026-05-03");
        Is(Rule(screenedOut, "2027-06-01", "CHC-DECIDE"), MilestoneStatus.NotApplicable, "2027-08-03");
        Is(Rule(WithPlan("2010-05-03", need: "MLD"), "2027-06-01", "CHC-SCREEN"), MilestoneStatus.NotApplicable, "2026-05-03");
    }

    [Fact]
    public void CL_ASSESS_explains_the_day_count_and_is_due_three_months_after_becoming_eligible()
    {
        var facts = Born("2010-05-03").Add(new EpisodeFact(D("2025-12-13"), null, "C2", "U1", null));
        var milestone = Rule(facts, "2026-05-03", "CL-ASSESS");
        Is(milestone, MilestoneStatus.Upcoming, "2026-08-03");
        Assert.Contains("Turns 16 on 3 May 2026; looked after 142 days since 14", milestone.Explanation, StringComparison.Ordinal);
        Assert.Contains("assessment due by 3 August 2026", milestone.Explanation, StringComparison.Ordinal);
        Assert.Contains("Care Leavers (England) Regulations 2010 reg 5", milestone.Rule.Source, StringComparison.Ordinal);
        Is(Rule(facts, "2026-08-04", "CL-ASSESS"), MilestoneStatus.Overdue, "2026-08-03");
        Is(Rule(facts.Add(new EvidenceFact("CL-ASSESS", D("2026-07-01"), "met")), "2026-08-04", "CL-ASSESS"), MilestoneStatus.Met, "2026-08-03");
    }

    [Fact]
    public void CL_PATHWAY_for_a_relevant_child_is_reviewed_every_six_months()
    {
        var facts = Born("2010-05-03").Add(new EpisodeFact(D("2024-05-03"), D("2026-09-01"), "C2", "U1", "E5"))
            .Add(new EvidenceFact("CL-PATHWAY", D("2026-10-01"), "met"));
        Is(Rule(facts, "2026-11-01", "CL-PATHWAY"), MilestoneStatus.Met, "2027-04-01");
        Is(Rule(facts, "2027-02-01", "CL-PATHWAY"), MilestoneStatus.Due, "2027-04-01");
        Is(Rule(facts, "2027-04-02", "CL-PATHWAY"), MilestoneStatus.Overdue, "2027-04-01");
    }

    [Fact]
    public void DLA_PIP_applies_at_16_to_young_people_with_a_disability()
    {
        Is(Rule(WithPlan("2010-05-03", need: "MLD"), "2026-04-01", "DLA-PIP"), MilestoneStatus.Due, "2026-05-03");
        Is(Rule(Born("2010-05-03").AddDisability("HAND"), "2026-06-01", "DLA-PIP"), MilestoneStatus.Overdue, "2026-05-03");
        Is(Rule(Born("2010-05-03"), "2026-06-01", "DLA-PIP"), MilestoneStatus.NotApplicable, "2026-05-03");
    }

    [Fact]
    public void MCA_16_flags_restrictive_care_at_16_without_a_court_order()
    {
        var placed = Born("2010-05-03").Add(new EpisodeFact(D("2025-01-01"), null, "C2", "K2", null));
        Is(Rule(placed, "2026-02-01", "MCA-16"), MilestoneStatus.Upcoming, "2026-05-03");
        Is(Rule(placed, "2026-03-01", "MCA-16"), MilestoneStatus.Due, "2026-05-03");
        Is(Rule(placed, "2026-06-01", "MCA-16"), MilestoneStatus.Overdue, "2026-05-03");
        Is(Rule(placed.AddLibertyOrder(D("2026-05-10"), null), "2026-06-01", "MCA-16"), MilestoneStatus.Met, "2026-05-03");
        Is(Rule(Born("2010-05-03").Add(new EpisodeFact(D("2025-01-01"), null, "C2", "U1", null)), "2026-06-01", "MCA-16"), MilestoneStatus.NotApplicable, "2026-05-03");
    }

    [Fact]
    public void TA_DUE_is_due_at_the_local_target_age_and_met_by_an_adult_assessment()
    {
        Is(Rule(WithPlan("2010-05-03"), "2027-09-01", "TA-DUE"), MilestoneStatus.Due, "2027-11-03");
        Is(Rule(WithPlan("2010-05-03"), "2027-11-04", "TA-DUE"), MilestoneStatus.Overdue, "2027-11-03");
        Is(Rule(WithPlan("2010-05-03"), "2027-11-04", "TA-DUE", Policy with { TransitionAssessmentAgeYears = 17, TransitionAssessmentAgeMonths = 0 }), MilestoneStatus.Overdue, "2027-05-03");
        var assessed = WithPlan("2010-05-03").Add(new AdultEventFact("Assessment", D("2027-10-01"), null, "Yes", null));
        Is(Rule(assessed, "2027-11-04", "TA-DUE"), MilestoneStatus.Met, "2027-11-03");
        Is(Rule(WithPlan("2010-05-03", need: "MLD"), "2027-11-04", "TA-DUE"), MilestoneStatus.NotApplicable, "2027-11-03");
    }

    [Fact]
    public void TA_REFUSED_is_owed_at_once_until_reasons_are_recorded()
    {
        var refused = Born("2010-05-03").Add(new EvidenceFact("TA-REFUSED", D("2027-01-10"), StatutoryClock.Refused));
        Is(Rule(refused, "2027-01-10", "TA-REFUSED"), MilestoneStatus.Due, "2027-01-10");
        Is(Rule(refused, "2027-01-11", "TA-REFUSED"), MilestoneStatus.Overdue, "2027-01-10");
        Is(Rule(refused.Add(new EvidenceFact("TA-REFUSED", D("2027-01-12"), "met")), "2027-01-20", "TA-REFUSED"), MilestoneStatus.Met, "2027-01-10");
        Is(Rule(Born("2010-05-03"), "2027-01-11", "TA-REFUSED"), MilestoneStatus.NotApplicable, null);
    }

    [Theory]
    // A 29 February birthday: the 18th falls on 1 March or 28 February by local policy.
    [InlineData(LeapDayBirthday.FirstMarch, "2026-03-01")]
    [InlineData(LeapDayBirthday.TwentyEighthFebruary, "2026-02-28")]
    public void AT_18_under_both_29_February_policies(LeapDayBirthday policy, string due)
    {
        var milestone = Rule(WithPlan("2008-02-29"), "2026-02-28", "AT-18", Policy with { LeapDayBirthdays = policy });
        Is(milestone, MilestoneStatus.Due, due);
        Is(Rule(WithPlan("2008-02-29"), "2026-03-02", "AT-18", Policy with { LeapDayBirthdays = policy }), MilestoneStatus.Overdue, due);
    }

    [Fact]
    public void AT_18_is_met_by_an_adult_conclusion()
    {
        var served = WithPlan("2010-05-03").Add(new AdultEventFact("Service", D("2028-01-01"), null, null, 500m));
        Is(Rule(served, "2028-06-01", "AT-18"), MilestoneStatus.Met, "2028-05-03");
        var decided = WithPlan("2010-05-03");
        decided.Case = new CaseFact(TransitionsStage.Decided, D("2027-01-01"), D("2028-02-01"), "w");
        Is(Rule(decided, "2028-06-01", "AT-18"), MilestoneStatus.Met, "2028-05-03");
    }

    private static PersonFacts LookedAfterTo18(string placement = "U1", string rec = "E5") =>
        Born("2008-05-03").Add(new EpisodeFact(D("2022-05-03"), D("2026-05-03"), "C2", placement, rec));

    [Fact]
    public void PA_21_is_owed_from_18_until_an_adviser_is_recorded()
    {
        Is(Rule(LookedAfterTo18(), "2026-06-01", "PA-21"), MilestoneStatus.Overdue, "2026-05-03");
        Is(Rule(LookedAfterTo18().Add(new EvidenceFact("PA-21", D("2026-05-10"), "met")), "2026-06-01", "PA-21"), MilestoneStatus.Met, "2026-05-03");
        Is(Rule(LookedAfterTo18(), "2029-06-01", "PA-21"), MilestoneStatus.NotApplicable, "2026-05-03");
        Is(Rule(LookedAfterTo18().Add(new EvidenceFact("PA-21", D("2029-01-01"), StatutoryClock.Education)), "2029-06-01", "PA-21"), MilestoneStatus.Overdue, "2026-05-03");
        Is(Rule(Born("2008-05-03"), "2026-06-01", "PA-21"), MilestoneStatus.NotApplicable, null);
    }

    [Fact]
    public void PA_25_applies_from_21_on_request_or_return_to_education()
    {
        Is(Rule(LookedAfterTo18(), "2030-06-01", "PA-25"), MilestoneStatus.NotApplicable, "2029-05-03");
        var asked = LookedAfterTo18().Add(new EvidenceFact("PA-25", D("2030-05-01"), StatutoryClock.Requested));
        Is(Rule(asked, "2030-05-01", "PA-25"), MilestoneStatus.Due, "2030-05-01");
        Is(Rule(asked, "2030-06-01", "PA-25"), MilestoneStatus.Overdue, "2030-05-01");
        var studying = LookedAfterTo18().Add(new EvidenceFact("PA-25", D("2030-05-01"), StatutoryClock.Education));
        Is(Rule(studying, "2030-06-01", "PA-25"), MilestoneStatus.Due, "2030-08-01");
        Is(Rule(asked.Add(new EvidenceFact("PA-25", D("2030-05-20"), "met")), "2030-06-01", "PA-25"), MilestoneStatus.Met, "2030-05-01");
    }

    [Fact]
    public void STAY_PUT_applies_to_foster_placements_at_18_with_REC_E17_only_a_proxy()
    {
        Is(Rule(LookedAfterTo18(), "2026-06-01", "STAY-PUT"), MilestoneStatus.Overdue, "2026-05-03");
        var proxy = Rule(LookedAfterTo18(rec: "E17"), "2026-06-01", "STAY-PUT");
        Is(proxy, MilestoneStatus.Met, "2026-05-03");
        Assert.Contains("only a proxy", proxy.Explanation, StringComparison.Ordinal);
        Is(Rule(LookedAfterTo18(placement: "K2"), "2026-06-01", "STAY-PUT"), MilestoneStatus.NotApplicable, "2026-05-03");
    }

    [Theory]
    [InlineData("2001-05-03", "2026-07-31")]
    [InlineData("2001-07-31", "2026-07-31")]
    [InlineData("2001-09-10", "2027-07-31")]
    public void EHCP_25_ends_on_31_July_after_the_25th_birthday(string dob, string due)
    {
        Is(Rule(WithPlan(dob), "2026-01-01", "EHCP-25"), MilestoneStatus.Upcoming, due);
        Is(Rule(WithPlan(dob), DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "EHCP-25"), MilestoneStatus.Overdue, due);
        Is(Rule(WithPlan(dob, ceased: "2025-12-01"), "2026-01-01", "EHCP-25"), MilestoneStatus.NotApplicable, due);
    }

    private static IEnumerable<string> Flags(PersonFacts facts, string asOf) =>
        StatutoryClock.Evaluate(facts, D(asOf), Policy).Flags.Select(f => f.Rule.Id);

    [Theory]
    [InlineData(1000, true)]
    [InlineData(900, false)]
    public void HIGH_COST_above_the_local_threshold(int weekly, bool flagged) =>
        Assert.Equal(flagged, Flags(Born("2005-01-01").Add(new AdultEventFact("Service", D("2025-01-01"), null, null, weekly)), "2026-01-01").Contains("HIGH-COST"));

    /// <summary>Children's placement costs from a council spreadsheet count like adult services: weekly, annualised, current on the date.</summary>
    [Theory]
    [InlineData(1000, "2025-01-01", null, true)]
    [InlineData(960, "2025-01-01", null, false)]
    [InlineData(6000, "2025-01-01", "2025-12-31", false)]
    [InlineData(6000, "2025-01-01", "2026-01-01", true)]
    [InlineData(6000, "2026-01-02", null, false)]
    public void HIGH_COST_counts_a_childs_current_placement_costs(int weekly, string start, string? end, bool flagged)
    {
        var facts = Born("2010-01-01").Add(new PlacementCostFact(D(start), end is null ? null : D(end), weekly, "costs.xlsx", 7));
        var flag = StatutoryClock.Evaluate(facts, D("2026-01-01"), Policy).Flags.SingleOrDefault(f => f.Rule.Id == "HIGH-COST");
        Assert.Equal(flagged, flag is not null);
        if (flag is not null)
            Assert.Equal($"Current children's placement (£{weekly:N0} a week, costs.xlsx line 7) cost £{weekly:N0} a week (£{weekly * 52:N0} a year), above the council's threshold of £50,000 a year.", flag.Explanation);
    }

    [Fact]
    public void HIGH_COST_adds_a_placement_to_an_adult_package_and_names_both()
    {
        var facts = Born("2007-06-01")
            .Add(new AdultEventFact("Service", D("2025-07-01"), null, null, 500m))
            .Add(new PlacementCostFact(D("2025-01-01"), null, 300m, "costs.csv", 3))
            .Add(new PlacementCostFact(D("2025-06-01"), null, 200m, "costs.csv", 9));
        var flag = Assert.Single(StatutoryClock.Evaluate(facts, D("2026-01-01"), Policy).Flags, f => f.Rule.Id == "HIGH-COST");
        Assert.Equal("Current adult care package (£500 a week) and children's placements (£300 a week, costs.csv line 3; £200 a week, costs.csv line 9) cost £1,000 a week (£52,000 a year), above the council's threshold of £50,000 a year.", flag.Explanation);
        Assert.DoesNotContain("HIGH-COST", Flags(Born("2007-06-01").Add(new AdultEventFact("Service", D("2025-07-01"), null, null, 500m)), "2026-01-01"));
    }

    /// <summary>
    /// CHC-SCREEN and CHC-DECIDE are met by a checklist or decision in the council's health data, which the explanation
    /// names. Born 3 May 2010 with a PMLD plan: screening from 3 May 2026, a decision due by 3 August 2027.
    /// </summary>
    [Theory]
    [InlineData("CHC-SCREEN", "2026-06-01", "2026-05-20", "positive", null, null, MilestoneStatus.Met, "Met: continuing healthcare checklist on 20 May 2026, positive (health.csv, line 7).")]
    [InlineData("CHC-SCREEN", "2026-06-01", "2026-06-02", "positive", null, null, MilestoneStatus.Overdue, "Overdue since 3 May 2026: nothing recorded.")]
    [InlineData("CHC-SCREEN", "2026-06-01", null, null, null, null, MilestoneStatus.Overdue, "Overdue since 3 May 2026: nothing recorded.")]
    [InlineData("CHC-DECIDE", "2027-06-01", "2026-05-20", "positive", "2027-05-10", "eligible", MilestoneStatus.Met, "Met: continuing healthcare decision on 10 May 2027, eligible (health.csv, line 7).")]
    [InlineData("CHC-DECIDE", "2027-09-01", "2026-05-20", "positive", null, null, MilestoneStatus.Overdue, "Overdue since 3 August 2027: nothing recorded.")]
    [InlineData("CHC-DECIDE", "2027-06-01", "2026-05-20", "negative", null, null, MilestoneStatus.NotApplicable, "The checklist on 20 May 2026 screened out a full assessment (health.csv, line 7).")]
    public void Continuing_healthcare_is_met_by_the_health_data(
        string id, string asOf, string? checklist, string? outcome, string? decided, string? decision, MilestoneStatus status, string explanation)
    {
        var facts = WithPlan("2010-05-03", need: "PMLD");
        if (checklist is not null || decided is not null)
            facts.Add(new ContinuingHealthcareFact(checklist is null ? null : D(checklist), outcome, decided is null ? null : D(decided), decision, "health.csv", 7));
        var milestone = Rule(facts, asOf, id);
        Assert.Equal(status, milestone.Status);
        Assert.EndsWith(explanation, milestone.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Continuing_healthcare_in_the_health_data_brings_the_rules_in_without_a_qualifying_need()
    {
        var facts = WithPlan("2010-05-03", need: "MLD").Add(new ContinuingHealthcareFact(D("2026-05-20"), "positive", null, null, "health.csv", 7));
        var screen = Rule(facts, "2026-06-01", "CHC-SCREEN");
        Is(screen, MilestoneStatus.Met, "2026-05-03");
        Assert.StartsWith("Continuing healthcare is recorded in health.csv: screening", screen.Explanation, StringComparison.Ordinal);
        Is(Rule(facts, "2027-06-01", "CHC-DECIDE"), MilestoneStatus.Due, "2027-08-03");
        Is(Rule(WithPlan("2010-05-03", need: "MLD"), "2026-06-01", "CHC-SCREEN"), MilestoneStatus.NotApplicable, "2026-05-03");
    }

    [Theory]
    [InlineData("XY1 2AB", true)]
    [InlineData("DM1 2AB", false)]
    [InlineData("DMX 2AB", true)]
    public void OUT_AREA_for_a_placement_outside_the_councils_area(string postcode, bool flagged) =>
        Assert.Equal(flagged, Flags(Born("2010-01-01").Add(new EpisodeFact(D("2025-01-01"), null, "C2", "U1", null, postcode)), "2026-01-01").Contains("OUT-AREA"));

    [Fact]
    public void OUT_AREA_is_not_guessed_when_the_area_is_not_configured() =>
        Assert.Empty(StatutoryClock.Evaluate(Born("2010-01-01").Add(new EpisodeFact(D("2025-01-01"), null, "C2", "U1", null, "XY1 2AB")), D("2026-01-01"), new RulesPolicy()).Flags);

    [Fact]
    public void YOUNG_CARER_and_TURNING_18()
    {
        var carer = Born("2010-01-01");
        carer.YoungCarerConcern = D("2025-03-01");
        Assert.Contains("YOUNG-CARER", Flags(carer, "2026-01-01"));
        Assert.Contains("TURNING-18", Flags(Born("2008-05-03"), "2026-01-01"));
        Assert.DoesNotContain("TURNING-18", Flags(Born("2008-08-03"), "2026-01-01"));
        Assert.DoesNotContain("TURNING-18", Flags(Born("2008-05-03").Add(new AdultEventFact("Service", D("2025-12-01"), null, null, 100m)), "2026-01-01"));
    }

    [Theory]
    // Education Act 1996 s.8 with the autumn term starting on 3 September 2026.
    [InlineData("2010-01-15", "2026-06-26")]
    [InlineData("2010-06-26", "2026-06-26")]
    [InlineData("2010-06-27", "2026-06-26")]
    [InlineData("2010-08-31", "2026-06-26")]
    [InlineData("2010-09-02", "2026-06-26")]
    [InlineData("2010-09-03", "2027-06-25")]
    [InlineData("2010-12-01", "2027-06-25")]
    public void Compulsory_school_age_ends_on_the_last_Friday_in_June_of_the_Acts_school_year(string dob, string ends)
    {
        var policy = Policy with { AutumnTermStarts = new Dictionary<int, DateOnly> { [2026] = D("2026-09-03") } };
        Assert.Equal(D(ends), SchoolYear.CompulsorySchoolAgeEnds(D(dob), policy));
    }

    [Fact]
    public void Likely_needs_rules_are_described_as_configured()
    {
        Assert.Equal("an EHC plan with primary need SLD, PMLD, PD; a CIN disability of LD, PC, MOB; a residential school; an open transitions case", new LikelyNeedsRules().Describe());
        Assert.Equal("an EHC plan with primary need ASD", new LikelyNeedsRules { EhcPrimaryNeeds = ["ASD"], CinDisabilities = [], ResidentialSchool = false, OpenTransitionsCase = false }.Describe());
    }

    [Fact]
    public void No_date_of_birth_is_reported_on_every_rule_not_crashed()
    {
        var clock = StatutoryClock.Evaluate(new PersonFacts { PersonId = 9, Reference = "X" }, D("2026-11-22"), Policy);
        Assert.Equal(CareLeaverStatus.None, clock.CareLeaver.Status);
        Assert.Null(clock.CompulsorySchoolAgeEnds);
        Assert.All(clock.Milestones, m => Assert.Equal(MilestoneStatus.NotApplicable, m.Status));
        Assert.Contains(clock.Milestones, m => m.Explanation.Contains("No date of birth", StringComparison.Ordinal));
    }

    /// <summary>Random people: a birth date, up to six episodes of any legal status and placement, records, a date.</summary>
    private static readonly Gen<(PersonFacts Facts, DateOnly AsOf)> People =
        Gen.Select(
            Gen.Int[new DateOnly(1998, 1, 1).DayNumber, new DateOnly(2020, 12, 31).DayNumber],
            Gen.Select(Gen.Int[0, 9000], Gen.Int[1, 900], Gen.Bool, Gen.OneOf("C2", "V2", "V3", "V4", "J1"), Gen.OneOf("U1", "K2", "P1", "S1", "R1"), Gen.OneOf("E4A", "E5", "E9", "E45", "E8", "X1", "E17")).Array[0, 6],
            Gen.OneOf("CL-ASSESS", "PA-21", "PA-25", "TA-REFUSED", "CHC-SCREEN", "CARE-LEAVER").Array[0, 3],
            Gen.Int[0, 12000],
            (born, episodes, records, asOf) =>
            {
                var dob = DateOnly.FromDayNumber(born);
                var facts = new PersonFacts { PersonId = 1, Reference = "R", DateOfBirth = dob };
                foreach (var (start, length, open, ls, place, rec) in episodes)
                    facts.Add(new EpisodeFact(dob.AddDays(start), open ? null : dob.AddDays(start + length), ls, place, open ? null : rec, "DM1 1AA", "SC1"));
                foreach (var id in records) facts.Add(new EvidenceFact(id, dob.AddYears(17), id == "CARE-LEAVER" ? CareLeaver.HomeBreakdown : "requested"));
                return (facts, dob.AddDays(asOf));
            });

    [Fact]
    public void Properties_hold_for_every_person_and_date() =>
        People.Sample(p =>
        {
            var clock = StatutoryClock.Evaluate(p.Facts, p.AsOf, Policy);
            var age = Age.On(p.Facts.DateOfBirth!.Value, p.AsOf);
            // No one under 16 is ever eligible; former relevant only at 18 or over.
            if (age < 16) Assert.NotEqual(CareLeaverStatus.Eligible, clock.CareLeaver.Status);
            if (clock.CareLeaver.Status == CareLeaverStatus.FormerRelevant) Assert.True(age >= 18);
            if (clock.CareLeaver.Status is CareLeaverStatus.Eligible or CareLeaverStatus.Relevant) Assert.InRange(age, 16, 17);
            // Every milestone is there, explained; every overdue one has a due date before the as-of date.
            Assert.Equal(StatutoryClock.Milestones, clock.Milestones.Select(m => m.Rule));
            Assert.All(clock.Milestones, m => Assert.False(string.IsNullOrWhiteSpace(m.Explanation)));
            Assert.All(clock.Milestones.Where(m => m.Status == MilestoneStatus.Overdue), m => Assert.True(m.Due < p.AsOf));
            Assert.All(clock.Flags, f => Assert.False(string.IsNullOrWhiteSpace(f.Explanation)));
            Assert.False(string.IsNullOrWhiteSpace(clock.CareLeaver.Explanation));
        }, iter: 20_000);
}
