using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Demo;

/// <summary>
/// Walks a demo young person along the pathway through the pages' own Core services, each step dated in the past as a
/// team would have done it: referral, assessment outcome by outcome, decision, plan, handover - or refusal, or
/// signposting. The words are the kind a practitioner writes; the people are synthetic.
/// </summary>
internal sealed class DemoJourneys(WaypointDbContext db, string council, DemoRandom random, RulesPolicy policy, CancellationToken cancellationToken)
{
    private static readonly Dictionary<AdultOutcome, string> Evidence = new()
    {
        [AdultOutcome.Nutrition] = "Can make a sandwich with prompting; does not use the cooker safely and forgets to eat without reminders.",
        [AdultOutcome.PersonalHygiene] = "Needs prompting and some help to wash and to manage periods or shaving; becomes anxious when rushed.",
        [AdultOutcome.ToiletNeeds] = "Independent with toileting at home and at college.",
        [AdultOutcome.AppropriatelyClothed] = "Chooses clothes with a visual prompt; needs help with fastenings on cold days.",
        [AdultOutcome.UsingHomeSafely] = "Has left the front door open and the hob on; needs supervision to stay safe at home.",
        [AdultOutcome.HabitableHome] = "Does not yet do any cleaning or laundry without step-by-step support.",
        [AdultOutcome.Relationships] = "Close to family; finds it hard to keep friendships going outside college and is at risk of exploitation online.",
        [AdultOutcome.WorkTrainingEducationOrVolunteering] = "At college three days a week with a one-to-one; travel there is arranged by the council.",
        [AdultOutcome.CommunityFacilitiesAndServices] = "Cannot use the bus or shops alone; becomes distressed in busy places without a familiar adult.",
        [AdultOutcome.CaringForAChild] = "Has no caring responsibilities for a child.",
    };

    private static readonly (PreparingForAdulthoodOutcome Outcome, string Aim, string Help, string Who)[] Goals =
    [
        (PreparingForAdulthoodOutcome.Employment, "Do a supported internship at the hospital after college", "A job coach and travel training for the route", "College transition lead and the supported employment service"),
        (PreparingForAdulthoodOutcome.IndependentLiving, "Move into supported living with friends by 20", "Practise cooking and budgeting each week; visit two supported living schemes", "Transitions worker and family"),
        (PreparingForAdulthoodOutcome.FriendsRelationshipsAndCommunity, "Go to the Friday youth club and a drama group on my own", "A personal assistant for the first months, then a buddy", "Transitions worker and the youth club"),
        (PreparingForAdulthoodOutcome.GoodHealth, "Move from the children's to the adult learning disability nurse and have an annual health check", "A health action plan and a hospital passport", "GP practice and the community nursing team"),
    ];

    private static readonly string[] Views =
    [
        "I want to work with animals and live near my mum. I don't like loud places.",
        "I want my own flat one day with my friend. I want to still see my family on Sundays.",
        "I like college and I want to carry on. I want to go on the bus by myself.",
        "I want to be a chef. I need help with money and I want to stay safe.",
    ];

    /// <summary>Refers the young person as the referral page does; returns when the referral was recorded.</summary>
    public async Task<DateTimeOffset> ReferAsync(TrackerRow row, ReferralRequest request)
    {
        var at = At(request.ReceivedOn).AddDays(random.Between(0, 3));
        await Referrals.ReferAsync(db, Worker("Demo transitions worker"), row.Reference, 0, request, at, cancellationToken);
        return at;
    }

    public async Task CloseAsync(TrackerRow row, string worker, DateTimeOffset after) =>
        await CaseLifecycle.CloseAsync(db, Worker(worker), row.Reference, await VersionAsync(row), "Moved to another council's area; their records were sent on.", after.AddDays(random.Between(5, 25)), cancellationToken);

    /// <summary>Allocates the case to a named worker (NICE NG43) the day after <paramref name="after"/>.</summary>
    public async Task<DateTimeOffset> AllocateAsync(TrackerRow row, string worker, DateTimeOffset after)
    {
        var at = after.AddDays(1);
        await Allocations.AllocateAsync(db, Manager, row.Reference, await VersionAsync(row), worker, at, cancellationToken);
        return at;
    }

    /// <summary>
    /// Starts a child's needs assessment and records <paramref name="recorded"/> of its ten outcomes; with all ten, the
    /// conditions too. <paramref name="unable"/> are the outcomes found unable.
    /// </summary>
    public async Task<DateTimeOffset> AssessAsync(TrackerRow row, string worker, DateTimeOffset after, IReadOnlyList<AdultOutcome> unable, int recorded = 10)
    {
        var by = Worker(worker);
        var at = after.AddDays(random.Between(7, 30));
        var footing = random.Chance(0.3) ? AssessmentFooting.BestInterests : AssessmentFooting.Consent;
        await Assessments.StartAsync(db, by, row.Reference, await VersionAsync(row), new AssessmentStartRequest(AssessmentKind.ChildsNeeds, footing,
            footing == AssessmentFooting.Consent ? "Agreed to the assessment at a home visit, with a parent present." : "Lacks capacity to decide about the assessment (capacity assessment on file); a best-interests meeting with the family agreed it.",
            null, DateOnly.FromDateTime(at.Date)), at, cancellationToken);
        at = at.AddDays(random.Between(7, 21));
        foreach (var outcome in Enum.GetValues<AdultOutcome>().Take(recorded))
        {
            IReadOnlyCollection<UnableBecause> ways = unable.Contains(outcome)
                ? random.Chance(0.5) ? [UnableBecause.NeedsAssistance] : [UnableBecause.NeedsAssistance, random.Chance(0.5) ? UnableBecause.PainDistressOrAnxiety : UnableBecause.EndangersHealthOrSafety]
                : [];
            var evidence = unable.Contains(outcome) || outcome is AdultOutcome.ToiletNeeds or AdultOutcome.CaringForAChild ? Evidence[outcome] : "Manages this independently, as seen at home and confirmed by the family.";
            await Assessments.RecordOutcomeAsync(db, by, row.Reference, await VersionAsync(row), new AssessedOutcomeRequest(outcome.ToString(), ways, false, true, ways.Count > 0 && random.Chance(0.5), evidence), at, cancellationToken);
        }
        if (recorded == 10)
        {
            var need = row.EhcPrimaryNeed is { } primary ? (CodeLabels.Describe(CodeLabels.SenType, primary) ?? primary).ToLowerInvariant() : "a learning disability";
            await Assessments.RecordConditionsAsync(db, by, row.Reference, await VersionAsync(row), new AssessmentConditionsRequest(true, null, unable.Count >= 2,
                $"The needs arise from {need} (EHC plan and paediatric reports). {(unable.Count >= 2 ? "Without support there would be a significant impact on well-being: personal dignity, safety and social life." : "The impact on well-being is not significant with the family's current help and college.")}"), at, cancellationToken);
        }
        return at;
    }

    /// <summary>Decides as the recorded facts say, unless <paramref name="departure"/> gives a reason to decide otherwise.</summary>
    public async Task<DateTimeOffset> DecideAsync(TrackerRow row, string worker, DateTimeOffset after, bool eligible, string? departure = null)
    {
        var at = after.AddDays(random.Between(3, 14));
        await Assessments.DecideAsync(db, Worker(worker), row.Reference, await VersionAsync(row), new AssessmentDecisionRequest(eligible, DateOnly.FromDateTime(at.Date),
            eligible ? "Unable to achieve two or more outcomes because of their disability, with a significant impact on their well-being."
                : "Unable to achieve one outcome only; with the family's help and college the impact on well-being is not significant.",
            departure,
            eligible ? null : "A cooking and budgeting course at college; the council's community directory for clubs; ask us again if things change, for example when college ends."),
            at, cancellationToken);
        return at;
    }

    /// <summary>Makes and agrees the support plan with the young person, in their own words.</summary>
    public async Task<DateTimeOffset> AgreePlanAsync(TrackerRow row, string worker, DateTimeOffset after)
    {
        var by = Worker(worker);
        var at = after.AddDays(random.Between(7, 21));
        await Plans.RecordViewsAsync(db, by, row.Reference, await VersionAsync(row), new PlanViewsRequest(random.Pick(Views), random.Chance(0.6) ? "We want them to be safe and to have a life of their own." : null), at, cancellationToken);
        foreach (var goal in Goals.Where(_ => random.Chance(0.75)).DefaultIfEmpty(Goals[1]))
        {
            var status = random.Chance(0.5) ? PlanGoalStatus.InProgress : PlanGoalStatus.NotStarted;
            await Plans.AddGoalAsync(db, by, row.Reference, await VersionAsync(row),
                new PlanGoalRequest(goal.Outcome, goal.Aim, goal.Help, goal.Who, DateOnly.FromDateTime(at.Date).AddMonths(random.Between(6, 18)), status), at, cancellationToken);
        }
        at = at.AddDays(random.Between(7, 21));
        await Plans.AgreeAsync(db, by, row.Reference, await VersionAsync(row), DateOnly.FromDateTime(at.Date), at, cancellationToken);
        return at;
    }

    /// <summary>Hands over to the adult team the young person's needs point to.</summary>
    public async Task<DateTimeOffset> HandOverAsync(TrackerRow row, string worker, DateTimeOffset after)
    {
        var at = after.AddDays(random.Between(20, 60));
        var team = row.EhcPrimaryNeed switch
        {
            "SEMH" => AdultTeam.MentalHealth,
            "PD" or "VI" or "HI" or "MSI" => AdultTeam.PhysicalDisability,
            _ => AdultTeam.LearningDisability,
        };
        await Handovers.HandOverAsync(db, Worker(worker), row.Reference, await VersionAsync(row), new HandoverRequest(team, null, random.Pick(["Sam Reid", "Jo Patel", "Chris Evans"]), DateOnly.FromDateTime(at.Date),
            "Agreed plan attached. Support at home four mornings a week and a personal assistant for community activities. The family would like the same day-time routine kept. Review in three months."),
            policy, at, cancellationToken);
        return at;
    }

    public async Task SignpostAsync(TrackerRow row, string worker, DateTimeOffset after) =>
        await Assessments.SignpostAsync(db, Worker(worker), row.Reference, await VersionAsync(row),
            "The college's independent living course; the local carers' centre for the family; the council's information and advice line.", after.AddDays(random.Between(2, 10)), cancellationToken);

    /// <summary>Refuses the request with written reasons and prevention advice (Care Act 2014 s.58(5)).</summary>
    public async Task DeclineAsync(TrackerRow row, DateTimeOffset after)
    {
        var at = after.AddDays(random.Between(5, 20));
        await Assessments.DeclineAsync(db, Manager, row.Reference, await VersionAsync(row), new AssessmentRefusalRequest(DateOnly.FromDateTime(at.Date),
            "From the referral and the EHC plan, the young person is not likely to have needs for care and support after 18: they manage daily living independently and their needs are met at school.",
            "Keep the EHC plan's preparing-for-adulthood outcomes under review at the annual review. The council's information and advice line can help with college, work and money. Ask us again if their needs change."),
            at, cancellationToken);
    }

    /// <summary>A task on the case, due on <paramref name="dueOn"/>: those due before today are the overdue ones in the trays.</summary>
    public async Task AddTaskAsync(TrackerRow row, string owner, DateTimeOffset at, DateOnly dueOn, string description) =>
        await WorkTasks.AddAsync(db, Worker(owner), row.Reference, await VersionAsync(row), new CaseTaskRequest(description, owner, dueOn), at, cancellationToken);

    public Practitioner Manager => new(council, "Demo team manager", "manager");

    public Practitioner Worker(string name) => new(council, name, "transitions-worker");

    public Task<int> VersionAsync(TrackerRow row) =>
        db.TransitionsCases.Where(c => c.PersonId == row.Id).Select(c => c.Version).SingleAsync(cancellationToken);

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}
