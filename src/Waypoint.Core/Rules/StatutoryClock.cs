using Waypoint.Core.Pathway;
using static Waypoint.Core.People.CodeLabels;

namespace Waypoint.Core.Rules;

public enum MilestoneStatus
{
    NotApplicable,
    Upcoming,
    Due,
    Overdue,
    Met,
}

/// <summary>Where a rule comes from, as domain.md's table marks it.</summary>
public enum SourceKind
{
    Statute,
    Guidance,
    Local,
}

/// <summary>One rule of domain.md's table: a milestone or a flag.</summary>
public sealed record Rule(string Id, string Name, string Source, SourceKind Kind, string Owner);

/// <summary>A rule's answer for one person on one date. <see cref="Due"/> is set whenever the data allow it.</summary>
public sealed record Milestone(Rule Rule, MilestoneStatus Status, DateOnly? Due, string Explanation);

public sealed record Flag(Rule Rule, string Explanation);

/// <summary>Every rule's answer for one person on one date.</summary>
public sealed record PersonClock(
    long PersonId, CareLeaverFinding CareLeaver, string? LikelyNeeds, IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<Flag> Flags, DateOnly? CompulsorySchoolAgeEnds)
{
    public int OverdueCount => Milestones.Count(m => m.Status == MilestoneStatus.Overdue);

    /// <summary>The next milestone not yet met and not yet overdue.</summary>
    public Milestone? Next => Milestones.Where(m => m.Status is MilestoneStatus.Due or MilestoneStatus.Upcoming && m.Due is not null).MinBy(m => m.Due);
}

/// <summary>
/// The statutory clock (domain.md "Statutory milestones and flags"): each rule for one person on one date, with the
/// due date, the status and an explanation a practitioner can read. Pure: the same facts, date and policy give the
/// same answer.
/// </summary>
public static class StatutoryClock
{
    public static readonly Rule Year9 = new("Y9-PFA", "EHC plan reviews from Year 9 consider preparing for adulthood",
        "SEND Regulations 2014 reg 20(6), 21(6); SEND Code of Practice 8.9", SourceKind.Statute, "SEND");
    public static readonly Rule PlanningStarted = new("NICE-PLAN", "Transition planning started",
        "NICE NG43 and QS140", SourceKind.Guidance, "Health and social care");
    public static readonly Rule NamedWorker = new("NICE-WORKER", "A named worker while planning and through transfer",
        "NICE NG43 and QS140", SourceKind.Guidance, "Health and social care");
    public static readonly Rule ContinuingCare14 = new("CC-14", "Integrated care board told of likely adult continuing healthcare needs",
        "Children and young people's continuing care national framework 2016", SourceKind.Guidance, "Children's health with the council");
    public static readonly Rule CareLeaverAssessment = new("CL-ASSESS", "Care-leaver needs assessment",
        "Care Planning, Placement and Case Review (England) Regulations 2010 reg 42; Care Leavers (England) Regulations 2010 reg 5", SourceKind.Statute, "Children's social care");
    public static readonly Rule PathwayPlan = new("CL-PATHWAY", "Pathway plan and personal adviser",
        "Children Act 1989 sch. 2 para 19B-19C, s.23B-23E; CPPCR 2010 regs 43-44", SourceKind.Statute, "Leaving care");
    public static readonly Rule DlaToPip = new("DLA-PIP", "Disability Living Allowance to Personal Independence Payment",
        "DWP guidance", SourceKind.Guidance, "Family, with worker's help");
    public static readonly Rule MentalCapacity16 = new("MCA-16", "Mental Capacity Act from 16: restrictive care needs a court order",
        "Mental Capacity Act 2005", SourceKind.Statute, "Council and NHS");
    public static readonly Rule TransitionAssessment = new("TA-DUE", "Transition assessment for those likely to have needs",
        "Care Act 2014 s.58 (no statutory age; the target age is local policy)", SourceKind.Local, "Adult social care");
    public static readonly Rule AssessmentRefused = new("TA-REFUSED", "Written reasons for a refused transition assessment",
        "Care Act 2014 s.58(5)", SourceKind.Statute, "Adult social care");
    public static readonly Rule HealthcareScreening = new("CHC-SCREEN", "Adult NHS continuing healthcare screening (checklist)",
        "National Framework for NHS Continuing Healthcare", SourceKind.Guidance, "Health");
    public static readonly Rule HealthcareDecision = new("CHC-DECIDE", "Adult NHS continuing healthcare decision in principle",
        "National Framework for NHS Continuing Healthcare", SourceKind.Guidance, "Health");
    public static readonly Rule AtEighteen = new("AT-18", "An adult conclusion by the 18th birthday",
        "Children Act 1989 s.17ZH; Chronically Sick and Disabled Persons Act 1970 s.2A (continuity); a decision before 18 is a local target", SourceKind.Local, "Adult social care");
    public static readonly Rule Adviser21 = new("PA-21", "Personal adviser and pathway plan to 21",
        "Children Act 1989 s.23C", SourceKind.Statute, "Leaving care");
    public static readonly Rule Adviser25 = new("PA-25", "Personal adviser from 21 to 25",
        "Children Act 1989 s.23CA, s.23CZB", SourceKind.Statute, "Leaving care");
    public static readonly Rule StayingPut = new("STAY-PUT", "Staying-put support",
        "Children Act 1989 s.23CZA", SourceKind.Statute, "Leaving care");
    public static readonly Rule EhcPlanTo25 = new("EHCP-25", "The latest date an EHC plan can be kept",
        "Children and Families Act 2014 s.46; SEND Regulations 2014 reg 46", SourceKind.Statute, "SEND");

    public static readonly Rule HighCost = new("HIGH-COST", "High-cost package",
        "Local policy: a current package above the council's threshold", SourceKind.Local, "Adult social care");
    public static readonly Rule OutOfArea = new("OUT-AREA", "Placed outside the council's area",
        "Local policy", SourceKind.Local, "Children's social care");
    public static readonly Rule YoungCarer = new("YOUNG-CARER", "Young carer concern",
        "Children Act 1989 s.17ZA; Care Act 2014 s.63", SourceKind.Statute, "Children's social care");
    public static readonly Rule TurningEighteen = new("TURNING-18", "Turning 18 soon with no adult conclusion",
        "Children Act 1989 s.17ZH (continuity); local target", SourceKind.Local, "Adult social care");
    public static readonly Rule ShortBreakCheck = new("SHORT-BREAK-CHECK", "Short breaks to check",
        "Care Planning, Placement and Case Review (England) Regulations 2010 reg 48", SourceKind.Statute, "Children's social care");

    /// <summary>The milestones, in domain.md's order.</summary>
    public static readonly IReadOnlyList<Rule> Milestones =
    [
        Year9, PlanningStarted, NamedWorker, ContinuingCare14, CareLeaverAssessment, PathwayPlan, DlaToPip, MentalCapacity16,
        TransitionAssessment, AssessmentRefused, HealthcareScreening, HealthcareDecision, AtEighteen, Adviser21, Adviser25, StayingPut, EhcPlanTo25,
    ];

    public static readonly IReadOnlyList<Rule> Flags = [HighCost, OutOfArea, YoungCarer, TurningEighteen, ShortBreakCheck];

    public static string StatusId(MilestoneStatus status) => status switch
    {
        MilestoneStatus.NotApplicable => "not-applicable",
        MilestoneStatus.Upcoming => "upcoming",
        MilestoneStatus.Due => "due",
        MilestoneStatus.Overdue => "overdue",
        _ => "met",
    };

    public static string StatusLabel(MilestoneStatus status) => status switch
    {
        MilestoneStatus.NotApplicable => "Not applicable",
        _ => status.ToString(),
    };

    /// <summary>Outcomes a practitioner can record, besides <see cref="Met"/>.</summary>
    public const string Met = "met";

    public const string Refused = "refused";
    public const string ScreenedOut = "negative";
    public const string Requested = "requested";
    public const string Education = "education";

    // 903 PLACE codes where continuous supervision and control is usual: children's home, residential care home,
    // residential school. Parents cannot consent to a deprivation of liberty at 16 or 17.
    private static readonly string[] RestrictivePlacements = ["K2", "R1", "S1"];

    public static PersonClock Evaluate(PersonFacts person, DateOnly asOf, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(policy);
        var careLeaver = CareLeaver.Assess(person, asOf, policy);
        var likely = LikelyNeeds.Reason(person, asOf, policy.LikelyNeeds);
        var c = new Context(person, asOf, policy, careLeaver, likely);
        Milestone[] milestones =
        [
            c.Year9Review(), c.PlanningStarted(), c.NamedWorker(), c.ContinuingCare14(), c.CareLeaverAssessment(), c.PathwayPlan(),
            c.DlaToPip(), c.MentalCapacity16(), c.TransitionAssessment(), c.AssessmentRefused(), c.HealthcareScreening(),
            c.HealthcareDecision(), c.AtEighteen(), c.Adviser21(), c.Adviser25(), c.StayingPut(), c.EhcPlanTo25(),
        ];
        return new PersonClock(person.PersonId, careLeaver, likely, milestones, c.Flags().ToList(),
            person.DateOfBirth is { } dob ? SchoolYear.CompulsorySchoolAgeEnds(dob, policy) : null);
    }

    private sealed record Context(PersonFacts P, DateOnly AsOf, RulesPolicy Policy, CareLeaverFinding Cl, string? Likely)
    {
        private const string NotEligibleOrRelevant = "Not an eligible or relevant child: see the care-leaver status.";
        private const string NotFormerRelevant = "Not a former relevant child: see the care-leaver status.";
        private const string NoDateOfBirth = "No date of birth is recorded, so this cannot be worked out: correct it at source and import again.";

        private DateOnly Turns(int years) => Policy.Turns(P.DateOfBirth!.Value, years);

        private static string F(DateOnly date) => Dates.Format(date);

        private static Milestone NotApplicable(Rule rule, DateOnly? due, string why) => new(rule, MilestoneStatus.NotApplicable, due, why);

        /// <summary>
        /// Met when there is evidence; otherwise overdue once the date has passed, due from the window's start (or the
        /// policy's lead time before the date), upcoming before that.
        /// </summary>
        private Milestone Dated(Rule rule, DateOnly due, string explanation, string? evidence, DateOnly? windowStart = null)
        {
            if (evidence is not null) return new(rule, MilestoneStatus.Met, due, $"{explanation} Met: {evidence}.");
            var status = AsOf > due ? MilestoneStatus.Overdue
                : AsOf >= (windowStart ?? due.AddDays(-Policy.DueSoonDays)) ? MilestoneStatus.Due : MilestoneStatus.Upcoming;
            var state = status switch
            {
                MilestoneStatus.Overdue => $" Overdue since {F(due)}: nothing recorded.",
                MilestoneStatus.Due => $" Due by {F(due)}.",
                _ => $" Upcoming: due {F(due)}.",
            };
            return new(rule, status, due, explanation + state);
        }

        private static string? Recorded(EvidenceFact? evidence) => evidence is null ? null : $"recorded for {F(evidence.Date)}";

        private string? ContinuingCareReason()
        {
            var rules = Policy.LikelyNeeds;
            if (P.EhcPrimaryNeed is { } need && rules.ContinuingCarePrimaryNeeds.Contains(need) && LikelyNeeds.HasActivePlan(P, AsOf))
                return $"EHC plan with primary need {Describe(SenType, need)}";
            if (rules.ContinuingCareDisabilities.FirstOrDefault(P.Disabilities.Contains) is { } code)
                return $"CIN census disability {Describe(Disability, code)}";
            return P.Latest(StatutoryClock.ContinuingCare14.Id) is { } told ? $"the integrated care board was told on {F(told.Date)}" : null;
        }

        /// <summary>The latest continuing healthcare checklist in the council's health data, up to the as-of date.</summary>
        private ContinuingHealthcareFact? SheetChecklist() => P.ContinuingHealthcare.Where(h => h.ChecklistDate <= AsOf).MaxBy(h => h.ChecklistDate);

        private ContinuingHealthcareFact? SheetDecision() => P.ContinuingHealthcare.Where(h => h.DecisionDate <= AsOf).MaxBy(h => h.DecisionDate);

        /// <summary>A checklist or decision in the health data shows the person was thought likely to need continuing healthcare.</summary>
        private static string? InHealthData(ContinuingHealthcareFact? row) => row is null ? null : $"continuing healthcare is recorded in {row.File}";

        private static string SheetEvidence(string what, DateOnly on, string? outcome, ContinuingHealthcareFact row) =>
            $"continuing healthcare {what} on {F(on)}{(outcome is null ? "" : ", " + outcome)} ({row.File}, line {row.Line})";

        /// <summary>An adult social care conclusion: a decision in the case, a CLD assessment outcome or service.</summary>
        private string? AdultConclusion()
        {
            if (P.Case is { Stage: TransitionsStage.Decided or TransitionsStage.PlanAgreed or TransitionsStage.Signposted or TransitionsStage.HandedOver } c)
                return $"decision recorded in the transitions case ({TransitionsStages.Label(c.Stage).ToLowerInvariant()} since {F(c.StageSince)})";
            if (P.AdultEvents.Where(e => e.EventType == "Assessment" && e.EligibleNeeds is not null && e.Start <= AsOf).MinBy(e => e.Start) is { } assessed)
                return $"adult social care assessment on {F(assessed.Start)}, eligible needs: {assessed.EligibleNeeds} (CLD)";
            if (P.AdultEvents.Where(e => e.EventType == "Service" && e.Start <= AsOf).MinBy(e => e.Start) is { } service)
                return $"adult social care service from {F(service.Start)} (CLD)";
            return Recorded(P.Latest(StatutoryClock.AtEighteen.Id));
        }

        public Milestone Year9Review()
        {
            var rule = StatutoryClock.Year9;
            if (P.DateOfBirth is not { } dob) return NotApplicable(rule, null, NoDateOfBirth);
            var (start, end) = SchoolYear.Year9(dob, Policy);
            var hadPlan = P.EhcPlans.Any(p => (p.Start ?? DateOnly.MinValue) <= end && (p.Start ?? DateOnly.MinValue) <= AsOf && (p.Ceased ?? DateOnly.MaxValue) >= start);
            if (!hadPlan) return NotApplicable(rule, end, $"No EHC plan during Year 9 ({F(start)} to {F(end)}).");
            var review = P.EhcReviews.Where(d => d >= start && d <= end).Order().LastOrDefault();
            var text = $"Year 9 runs from {F(start)} to {F(end)} (turns 14 on {F(Turns(14))}); EHC plan reviews that year must consider preparing for adulthood."
                + (review == default ? "" : $" SEN2 shows a review on {F(review)}: record its adulthood outcomes.");
            return Dated(rule, end, text, Recorded(P.Latest(rule.Id)), start);
        }

        public Milestone PlanningStarted()
        {
            var rule = StatutoryClock.PlanningStarted;
            if (P.DateOfBirth is not { } dob) return NotApplicable(rule, null, NoDateOfBirth);
            var endOfYear9 = SchoolYear.Year9(dob, Policy).End;
            var late = P.FirstKnownToChildrensServices is { } known && known > endOfYear9 ? known : (DateOnly?)null;
            var due = late ?? endOfYear9;
            if (Likely is null) return NotApplicable(rule, due, "Not identified as likely to need adult care and support by the council's rules.");
            var text = $"Likely to need adult care and support: {Likely}. Planning should start by the end of Year 9 ({F(endOfYear9)})"
                + (late is { } k ? $", or at once when first known to children's services ({F(k)})." : ".");
            var evidence = P.Case is { Stage: not TransitionsStage.NotIdentified } c ? $"transitions case opened on {F(c.OpenedOn)}" : Recorded(P.Latest(rule.Id));
            return Dated(rule, due, text, evidence);
        }

        public Milestone NamedWorker()
        {
            var rule = StatutoryClock.NamedWorker;
            if (P.Case is not { Open: true } c)
                return NotApplicable(rule, null, "No open transitions case.");
            var evidence = c.NamedWorker is not null ? "a named worker is recorded on the case" : Recorded(P.Latest(rule.Id));
            return Dated(rule, c.OpenedOn, $"Transitions case open since {F(c.OpenedOn)}: a named worker should support the young person through planning and transfer.", evidence, c.OpenedOn);
        }

        public Milestone ContinuingCare14()
        {
            var rule = StatutoryClock.ContinuingCare14;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b14 = Turns(14);
            var reason = ContinuingCareReason();
            if (reason is null) return NotApplicable(rule, b14, "No sign of needs likely to need adult NHS continuing healthcare by the council's rules.");
            if (AsOf >= Turns(18)) return NotApplicable(rule, b14, "Aged 18 or over: adult continuing healthcare applies (CHC-SCREEN, CHC-DECIDE).");
            return Dated(rule, b14, $"{Sentences.Capital(reason)}: the integrated care board should be told by the 14th birthday on {F(b14)}.", Recorded(P.Latest(rule.Id)));
        }

        public Milestone CareLeaverAssessment()
        {
            var rule = StatutoryClock.CareLeaverAssessment;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            // Within three months of the 16th birthday or of becoming eligible; for a child who became relevant without
            // being eligible (detained on the 16th birthday), of becoming relevant.
            var due = Cl.BecameEligible?.AddMonths(3) ?? (Cl.Status == CareLeaverStatus.Relevant ? Cl.StatusSince?.AddMonths(3) : null);
            if (Cl.Status is not (CareLeaverStatus.Eligible or CareLeaverStatus.Relevant) || due is null)
                return NotApplicable(rule, due, NotEligibleOrRelevant);
            var text = Cl.BecameEligible is { } eligible
                ? $"Turns 16 on {F(Turns(16))}; looked after {Cl.DaysSince14} days since 14; eligible since {F(eligible)}; assessment due by {F(due.Value)}."
                : $"Relevant since {F(Cl.StatusSince!.Value)}; assessment due by {F(due.Value)}.";
            return Dated(rule, due.Value, text, Recorded(P.Latest(rule.Id)));
        }

        public Milestone PathwayPlan()
        {
            var rule = StatutoryClock.PathwayPlan;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var past21 = AsOf >= Turns(21) && P.Latest(StatutoryClock.Adviser25.Id, Requested, Education) is null && P.Latest(StatutoryClock.Adviser21.Id, Education) is null;
            if (Cl.Status is not (CareLeaverStatus.Eligible or CareLeaverStatus.Relevant or CareLeaverStatus.FormerRelevant) || past21)
                return NotApplicable(rule, null, past21 ? "Aged 21 or over with no education, training or request recorded (see PA-25)." : "Not an eligible, relevant or former relevant child: see the care-leaver status.");
            var plan = P.Latest(rule.Id);
            if (plan is null)
            {
                var assessed = P.Latest(StatutoryClock.CareLeaverAssessment.Id)?.Date;
                var due = assessed ?? Cl.BecameEligible?.AddMonths(3) ?? Cl.StatusSince ?? Turns(18);
                return Dated(rule, due, $"{CareLeaver.Label(Cl.Status)}: a pathway plan and personal adviser follow the needs assessment{(assessed is { } a ? $" recorded on {F(a)}" : "")}.", null);
            }
            if (Cl.Status == CareLeaverStatus.Eligible)
                return new(rule, MilestoneStatus.Met, plan.Date, $"Pathway plan and personal adviser recorded on {F(plan.Date)}; reviewed with the looked-after reviews.");
            // Relevant and former relevant children: reviewed at least every six months (CPPCR reg 44; Care Leavers Regs reg 7).
            var next = plan.Date.AddMonths(6);
            var status = AsOf > next ? MilestoneStatus.Overdue : AsOf >= next.AddDays(-Policy.DueSoonDays) ? MilestoneStatus.Due : MilestoneStatus.Met;
            return new(rule, status, next, $"Pathway plan last recorded on {F(plan.Date)}; reviewed at least every six months, so next by {F(next)}.");
        }

        public Milestone DlaToPip()
        {
            var rule = StatutoryClock.DlaToPip;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b16 = Turns(16);
            if (!LikelyNeeds.HasActivePlan(P, AsOf) && P.Disabilities.Count == 0)
                return NotApplicable(rule, b16, "No disability recorded (EHC plan or CIN disability), so no DLA to move to PIP is expected.");
            if (AsOf >= Turns(18)) return NotApplicable(rule, b16, "Aged 18 or over: PIP is claimed as an adult.");
            return Dated(rule, b16, $"The DWP invites a PIP claim shortly after the 16th birthday on {F(b16)}; DLA continues only if PIP is claimed by the date in the letter, and a DLA appointee does not carry over.", Recorded(P.Latest(rule.Id)));
        }

        public Milestone MentalCapacity16()
        {
            var rule = StatutoryClock.MentalCapacity16;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b16 = Turns(16);
            if (AsOf >= Turns(18)) return NotApplicable(rule, b16, "Aged 18 or over: the adult deprivation of liberty safeguards apply instead.");
            var placed = P.Episodes.LastOrDefault(e => e.Start <= AsOf && (e.End is null || e.End > AsOf) && RestrictivePlacements.Contains(e.Placement));
            if (placed is null) return NotApplicable(rule, b16, "No current placement where restrictive care is usual (children's home, residential care home or residential school).");
            var order = P.LibertyOrders.Where(o => o.Start <= AsOf && (o.End is null || o.End > AsOf)).Select(o => (DateOnly?)o.Start).FirstOrDefault();
            var evidence = order is { } from ? $"deprivation of liberty order from {F(from)} (903 DoLo)" : Recorded(P.Latest(rule.Id));
            return Dated(rule, b16, $"Placed in a {Describe(Placement, placed.Placement)} since {F(placed.Start)}. From the 16th birthday on {F(b16)} the Mental Capacity Act applies: parents cannot consent to a deprivation of liberty, so restrictive care needs a court order.", evidence);
        }

        public Milestone TransitionAssessment()
        {
            var rule = StatutoryClock.TransitionAssessment;
            if (P.DateOfBirth is not { } dob) return NotApplicable(rule, null, NoDateOfBirth);
            var target = Policy.TransitionAssessmentTarget(dob);
            if (AsOf >= Turns(25)) return NotApplicable(rule, target, "Aged 25 or over.");
            if (Likely is null) return NotApplicable(rule, target, "Not identified as likely to need adult care and support by the council's rules.");
            var evidence = P.Case is { Stage: TransitionsStage.Decided or TransitionsStage.PlanAgreed or TransitionsStage.Signposted or TransitionsStage.HandedOver }
                ? "a decision is recorded in the transitions case"
                : P.AdultEvents.Where(e => e.EventType == "Assessment" && e.Start <= AsOf).MinBy(e => e.Start) is { } a ? $"adult social care assessment on {F(a.Start)} (CLD)"
                : Recorded(P.Latest(rule.Id));
            return Dated(rule, target, $"Likely to need adult care and support: {Likely}. The council's target is an assessment by {Policy.TransitionAssessmentAgeYears} years {Policy.TransitionAssessmentAgeMonths} months, on {F(target)} (Care Act s.58 sets no age).", evidence);
        }

        public Milestone AssessmentRefused()
        {
            var rule = StatutoryClock.AssessmentRefused;
            var refused = P.Latest(rule.Id, Refused)?.Date ?? (P.Case is { Stage: TransitionsStage.Declined } c ? c.StageSince : null);
            if (refused is not { } on) return NotApplicable(rule, null, "No transition assessment request has been refused.");
            var reasons = P.Evidence.Where(e => e.RuleId == rule.Id && e.Outcome == Met && e.Date >= on).MaxBy(e => e.Date);
            return Dated(rule, on, $"A transition assessment request was refused on {F(on)}: written reasons, and information and advice on preventing or delaying needs, are owed at once.", reasons is null ? null : $"reasons recorded on {F(reasons.Date)}", on);
        }

        public Milestone HealthcareScreening()
        {
            var rule = StatutoryClock.HealthcareScreening;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b16 = Turns(16);
            var checklist = SheetChecklist();
            var reason = ContinuingCareReason() ?? InHealthData(checklist ?? SheetDecision());
            if (reason is null) return NotApplicable(rule, b16, "No sign of needs likely to need adult NHS continuing healthcare by the council's rules.");
            if (AsOf >= Turns(18)) return NotApplicable(rule, b16, "Aged 18 or over: continuing healthcare is assessed as for any adult.");
            var evidence = checklist is { ChecklistDate: { } on } c ? SheetEvidence("checklist", on, c.ChecklistOutcome, c) : Recorded(P.Latest(rule.Id));
            return Dated(rule, b16, $"{Sentences.Capital(reason)}: screening for adult NHS continuing healthcare (the checklist) from the 16th birthday on {F(b16)}.", evidence);
        }

        public Milestone HealthcareDecision()
        {
            var rule = StatutoryClock.HealthcareDecision;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b17 = Turns(17);
            var due = b17.AddMonths(Policy.ContinuingHealthcareGraceMonths);
            var checklist = SheetChecklist();
            var decision = SheetDecision();
            var reason = ContinuingCareReason() ?? InHealthData(checklist ?? decision);
            if (reason is null) return NotApplicable(rule, due, "No sign of needs likely to need adult NHS continuing healthcare by the council's rules.");
            if (decision is null && P.Latest(StatutoryClock.HealthcareScreening.Id) is { Outcome: ScreenedOut } screen)
                return NotApplicable(rule, due, $"The checklist on {F(screen.Date)} screened out a full assessment.");
            if (decision is null && checklist is { ChecklistOutcome: ScreenedOut, ChecklistDate: { } negative })
                return NotApplicable(rule, due, $"The checklist on {F(negative)} screened out a full assessment ({checklist.File}, line {checklist.Line}).");
            if (AsOf >= Turns(18)) return NotApplicable(rule, due, "Aged 18 or over: continuing healthcare is assessed as for any adult.");
            var evidence = decision is { DecisionDate: { } on } d ? SheetEvidence("decision", on, d.Decision, d) : Recorded(P.Latest(rule.Id));
            return Dated(rule, due, $"{Sentences.Capital(reason)}: a decision in principle is due as soon as practicable after the 17th birthday on {F(b17)}; the council allows {Policy.ContinuingHealthcareGraceMonths} months, to {F(due)}.", evidence);
        }

        public Milestone AtEighteen()
        {
            var rule = StatutoryClock.AtEighteen;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b18 = Turns(18);
            var openCase = P.Case is { Open: true };
            if (Likely is null && !openCase) return NotApplicable(rule, b18, "Not identified as likely to need adult care and support by the council's rules.");
            if (AsOf >= Turns(25)) return NotApplicable(rule, b18, "Aged 25 or over.");
            return Dated(rule, b18, $"Turns 18 on {F(b18)}. Services under Children Act 1989 s.17 or CSDPA 1970 s.2 continue after 18 until adult social care reaches a conclusion; a decision before 18 is the council's target.", AdultConclusion());
        }

        public Milestone Adviser21()
        {
            var rule = StatutoryClock.Adviser21;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            if (Cl.Status != CareLeaverStatus.FormerRelevant) return NotApplicable(rule, null, NotFormerRelevant);
            var start = Cl.StatusSince ?? Turns(18);
            var education = P.Latest(rule.Id, Education);
            if (AsOf >= Turns(21) && education is null)
                return NotApplicable(rule, start, $"Turned 21 on {F(Turns(21))}: support to 25 is under PA-25.");
            var adviser = P.Latest(rule.Id, Met) ?? P.Latest(StatutoryClock.PathwayPlan.Id);
            var text = $"Former relevant child since {F(start)}: owed a personal adviser and pathway plan to the 21st birthday on {F(Turns(21))}"
                + (education is null ? "." : ", and beyond while following the pathway plan's education or training programme (s.23C(7)).");
            return Dated(rule, start, text, adviser is null ? null : $"personal adviser recorded on {F(adviser.Date)}", start);
        }

        public Milestone Adviser25()
        {
            var rule = StatutoryClock.Adviser25;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b21 = Turns(21);
            if (Cl.Status != CareLeaverStatus.FormerRelevant) return NotApplicable(rule, null, NotFormerRelevant);
            if (AsOf < b21) return NotApplicable(rule, b21, "Under 21: the personal adviser continues under PA-21.");
            var route = P.Latest(rule.Id, Requested, Education);
            if (route is null)
                return NotApplicable(rule, b21, $"Can ask for a personal adviser until the 25th birthday on {F(Turns(25))} (s.23CZB), or have one on returning to education or training (s.23CA); neither is recorded.");
            // s.23CA: a former relevant child returning to education or training is assessed within three months.
            var due = route.Outcome == Education ? route.Date.AddMonths(3) : route.Date;
            var adviser = P.Evidence.Where(e => e.RuleId == rule.Id && e.Outcome == Met && e.Date >= route.Date).MaxBy(e => e.Date);
            var why = route.Outcome == Education ? $"returning to education or training, recorded on {F(route.Date)} (s.23CA)" : $"asked for a personal adviser on {F(route.Date)} (s.23CZB)";
            return Dated(rule, due, $"Former relevant child {why}: a personal adviser to the 25th birthday on {F(Turns(25))}.", adviser is null ? null : $"personal adviser recorded on {F(adviser.Date)}", route.Date);
        }

        public Milestone StayingPut()
        {
            var rule = StatutoryClock.StayingPut;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b18 = Turns(18);
            if (Cl.Status != CareLeaverStatus.FormerRelevant || Cl.LookedAfterAt18 is not { } at18)
                return NotApplicable(rule, null, "Not a former relevant child who was looked after at 18.");
            if (at18.Placement?.StartsWith('U') != true)
                return NotApplicable(rule, b18, $"At 18 placed in {Describe(Placement, at18.Placement) ?? "a placement not recorded"}, not with a council foster parent (staying close for residential care is not in force).");
            if (AsOf >= Turns(21)) return NotApplicable(rule, b18, $"Turned 21 on {F(Turns(21))}: staying-put support has ended.");
            var evidence = Recorded(P.Latest(rule.Id))
                ?? (at18.ReasonCeased == "E17" ? "903 REC E17 (stayed with carers at 18) is only a proxy: confirm the arrangement" : null);
            return Dated(rule, b18, $"With a foster carer immediately before the 18th birthday on {F(b18)}: if both wish it, staying-put monitoring and support, including to the carer, to the 21st birthday on {F(Turns(21))}.", evidence);
        }

        public Milestone EhcPlanTo25()
        {
            var rule = StatutoryClock.EhcPlanTo25;
            if (P.DateOfBirth is null) return NotApplicable(rule, null, NoDateOfBirth);
            var b25 = Turns(25);
            // Further education: the end of the academic year (31 July) in which the person turns 25; never past the day
            // before the 26th birthday. SEN2 holds no apprenticeship or course end date, so the further education date is used.
            var ceiling = new[] { new DateOnly(b25.Month > 7 ? b25.Year + 1 : b25.Year, 7, 31), Turns(26).AddDays(-1) }.Min();
            if (!LikelyNeeds.HasActivePlan(P, AsOf)) return NotApplicable(rule, ceiling, "No active EHC plan.");
            return Dated(rule, ceiling, $"Turns 25 on {F(b25)}. In further education the EHC plan can be kept to 31 July after that, {F(ceiling)}; an apprenticeship or other course ends it at the end of the training or course.", null);
        }

        public IEnumerable<Flag> Flags()
        {
            // A current package: adult services (CLD) and children's placements (council spreadsheets), annualised alike.
            var adult = P.AdultEvents.Where(e => e.EventType == "Service" && e.Start <= AsOf && (e.End is null || e.End >= AsOf)).Sum(e => e.WeeklyCost ?? 0m);
            var placements = P.PlacementCosts.Where(c => c.Start <= AsOf && (c.End is null || c.End >= AsOf)).ToList();
            var weekly = adult + placements.Sum(c => c.WeeklyCost);
            if (weekly * 52m > Policy.HighCostPerYear)
            {
                var what = placements.Count == 0 ? "adult care package costs"
                    : $"{(adult > 0 ? $"adult care package (£{adult:N0} a week) and " : "")}children's placement{(placements.Count > 1 ? "s" : "")} ({string.Join("; ", placements.Select(c => $"£{c.WeeklyCost:N0} a week, {c.File} line {c.Line}"))}) cost";
                yield return new(HighCost, $"Current {what} £{weekly:N0} a week (£{weekly * 52m:N0} a year), above the council's threshold of £{Policy.HighCostPerYear:N0} a year.");
            }

            if (Policy.OwnArea.Count > 0 && P.Episodes.LastOrDefault(e => e.Start <= AsOf && (e.End is null || e.End > AsOf)) is { PlacementPostcode: { } postcode } current
                && !Policy.OwnArea.Any(area => InArea(postcode, area)))
                yield return new(OutOfArea, $"Current placement since {F(current.Start)} is at a postcode in {Outward(postcode)}, outside the council's area.");

            if (P.YoungCarerConcern is { } noted && (P.DateOfBirth is null || AsOf < Turns(18)))
                yield return new(YoungCarer, $"A children's social care assessment on {F(noted)} noted a young carer concern (factor 7A): consider a young carer's needs assessment (Children Act 1989 s.17ZA) and, approaching 18, a young carer's assessment (Care Act s.63).");

            if (P.DateOfBirth is not null && Turns(18) is var b18 && b18 > AsOf && b18 <= AsOf.AddMonths(Policy.TurningEighteenMonths) && AdultConclusion() is null)
                yield return new(TurningEighteen, $"Turns 18 on {F(b18)}, within {Policy.TurningEighteenMonths} months, and no adult social care conclusion is recorded.");

            if (Cl.ShortBreakProblem is { } problem)
                yield return new(ShortBreakCheck, problem);
        }

        private static string Outward(string postcode) => postcode.Trim().Split(' ')[0].ToUpperInvariant();

        /// <summary>A postcode area ("DM") matches its districts (DM1, DM12) but not another area (DMX); a district matches itself.</summary>
        private static bool InArea(string postcode, string area)
        {
            var outward = Outward(postcode);
            var a = area.Trim().ToUpperInvariant();
            if (!outward.StartsWith(a, StringComparison.Ordinal)) return false;
            return outward.Length == a.Length || (char.IsLetter(a[^1]) && char.IsDigit(outward[a.Length]));
        }

    }
}
