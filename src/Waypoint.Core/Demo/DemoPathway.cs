using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Demo;

/// <summary>How many demo cases were made at each stage, and the waiting list's ages.</summary>
public sealed record DemoPathwaySummary(IReadOnlyDictionary<TransitionsStage, int> Cases, IReadOnlyDictionary<int, int> WaitingByAge, IReadOnlyDictionary<ReferralSource, int> Sources);

/// <summary>
/// Gives the demo council a living transitions service: cases at every stage of the pathway, made through the same
/// Core services the pages use (never written into tables), dated over the past year and a bit. The referral sources
/// and the waiting list's ages follow Dorset's own figures (domain.md): 153 referrals a year, mostly from the children
/// with disabilities team and children's social care; 93 waiting for a first assessment, nearly all aged 15 or 16.
/// </summary>
public static class DemoPathway
{
    /// <summary>The demo's transitions team; the first is the demo sign-in's own name, so "my cases" is not empty.</summary>
    public static readonly IReadOnlyList<string> Workers = ["Demo transitions worker", "Amira Clarke", "Tom Okafor", "Priya Shah"];

    /// <summary>Dorset's referrals by source, May 2020 - May 2021 (153 in all).</summary>
    private static readonly Weighted<ReferralSource> Sources = new(
        (ReferralSource.Health, 12), (ReferralSource.ChildrensSocialCare, 35), (ReferralSource.ChildrenWithDisabilitiesTeam, 43), (ReferralSource.SelfReferral, 10),
        (ReferralSource.SenTeam, 23), (ReferralSource.Education, 2), (ReferralSource.SpecialistEducationProvider, 18), (ReferralSource.Other, 10));

    /// <summary>Dorset's waiting list for a first assessment on 1 June 2021, by age: 93 in all, "the rest younger" counted at 14.</summary>
    private static readonly (int Age, int People)[] WaitingAges = [(17, 4), (16, 47), (15, 36), (14, 6)];

    private static readonly Weighted<ReferralUrgency> Urgencies = new((ReferralUrgency.Routine, 70), (ReferralUrgency.Soon, 20), (ReferralUrgency.Urgent, 10));

    /// <summary>
    /// Cases beyond the waiting list at a city council's size (scale 1): a team finishing 6-8 assessments a month
    /// (Dorset) has about a dozen in progress and hands over a few a month; about 80% of those it assesses are found
    /// eligible (Leicester: 30 of the 38 decided here). Ages are those at which each stage is usually reached.
    /// </summary>
    private static readonly (DemoStage Stage, int Cases, int MinAge, int MaxAge, int MinDaysAgo, int MaxDaysAgo)[] Others =
    [
        (DemoStage.Identified, 30, 14, 16, 30, 360),
        (DemoStage.Assessing, 12, 16, 17, 60, 200),
        (DemoStage.DecidedEligible, 5, 17, 17, 120, 250),
        (DemoStage.DecidedNotEligible, 2, 17, 17, 120, 250),
        (DemoStage.PlanAgreed, 10, 17, 17, 200, 330),
        (DemoStage.HandedOver, 15, 18, 19, 300, 420),
        (DemoStage.Signposted, 6, 16, 18, 90, 300),
        (DemoStage.Declined, 4, 15, 17, 30, 200),
        (DemoStage.Closed, 3, 15, 18, 30, 360),
    ];

    private enum DemoStage
    {
        Identified,
        Assessing,
        DecidedEligible,
        DecidedNotEligible,
        PlanAgreed,
        HandedOver,
        Signposted,
        Declined,
        Closed,
    }

    public static async Task<DemoPathwaySummary> SeedAsync(
        WaypointDbContext db, string council, DateOnly today, double scale, RulesPolicy policy, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.TransitionsCases.AnyAsync(c => c.CouncilCode == council, cancellationToken))
            throw new InvalidOperationException("The demo council already has transitions cases; demo cases are made only once, on an empty pathway.");
        var rows = await Tracker.InScopeAsync(db, council, today, policy, cancellationToken);
        var random = new DemoRandom(seed, 0, 60);
        // Those the council's rules say are likely to need adult care come first, as a real team's referrals would.
        var candidates = rows.Where(r => r.DateOfBirth is not null)
            .OrderBy(r => r.Clock.LikelyNeeds is null ? 1 : 0).ThenBy(_ => random.NextUInt64()).ToList();
        // One of each possible duplicate waiting for review is left without a case: a person can have only one, so a
        // case on each would stop the two being merged when a worker finds them the same.
        var taken = (await db.PossibleMatches.Where(m => m.CouncilCode == council && m.Status == MatchStatus.Pending)
            .Join(db.RecordLinks, m => m.OtherRecordId, l => l.SourceRecordId, (m, l) => l.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        TrackerRow? Take(int minAge, int maxAge)
        {
            var row = candidates.FirstOrDefault(r => r.Age >= minAge && r.Age <= maxAge && !taken.Contains(r.Id));
            if (row is not null) taken.Add(row.Id);
            return row;
        }

        var cases = new Dictionary<TransitionsStage, int>();
        var waiting = new Dictionary<int, int>();
        var sources = new Dictionary<ReferralSource, int>();
        var now = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

        var journeys = new DemoJourneys(db, council, random, policy, cancellationToken);
        foreach (var (age, people) in WaitingAges)
        {
            for (var i = 0; i < Scaled(people, scale); i++)
            {
                if (Take(age, age) is not { } row) break;
                // About 13 months to clear the list with no new referrals (Dorset): waits run up to a year and more.
                var received = ReceivedOn(row, today.AddDays(-random.Between(3, 400)));
                var source = Sources.Pick(random);
                await journeys.ReferAsync(row, Request(row, source, received, random));
                sources[source] = sources.GetValueOrDefault(source) + 1;
                cases[TransitionsStage.Referred] = cases.GetValueOrDefault(TransitionsStage.Referred) + 1;
                waiting[age] = waiting.GetValueOrDefault(age) + 1;
            }
        }

        foreach (var worker in Workers)
        {
            if (await StaffDirectory.FindAsync(db, council, worker, cancellationToken) is null)
                await StaffDirectory.RecordSignInAsync(db, council, new StaffDetails(worker, worker, $"demo.{worker.Replace(' ', '.').ToLowerInvariant()}@example.gov.uk", "Transitions team", "transitions-worker"), now.AddYears(-2), cancellationToken);
        }
        var atStage = new Dictionary<DemoStage, List<(TrackerRow Row, string Worker)>>();
        foreach (var (stage, count, minAge, maxAge, minDaysAgo, maxDaysAgo) in Others)
        {
            for (var i = 0; i < Scaled(count, scale); i++)
            {
                if (Take(minAge, maxAge) is not { } row) break;
                var worker = Workers[random.Next(Workers.Count)];
                var start = now.AddDays(-random.Between(minDaysAgo, maxDaysAgo));
                if (stage == DemoStage.Identified)
                {
                    await CaseLifecycle.IdentifyAsync(db, Practitioner(council, worker), row.Reference, 0, IdentifiedBecause(row), start, cancellationToken);
                }
                else
                {
                    var received = ReceivedOn(row, DateOnly.FromDateTime(start.Date));
                    var source = Sources.Pick(random);
                    sources[source] = sources.GetValueOrDefault(source) + 1;
                    var at = await journeys.ReferAsync(row, Request(row, source, received, random));
                    await WalkAsync(journeys, stage, row, worker, at, i, random, today);
                }
                cases[Reached(stage)] = cases.GetValueOrDefault(Reached(stage)) + 1;
                (atStage.TryGetValue(stage, out var list) ? list : atStage[stage] = []).Add((row, worker));
                // Each case is its own unit of work: nothing tracked from one is carried into the next.
                db.ChangeTracker.Clear();
            }
        }
        await DemoPanel.SeedAsync(db, council, journeys, atStage.GetValueOrDefault(DemoStage.DecidedEligible) ?? [], atStage.GetValueOrDefault(DemoStage.PlanAgreed) ?? [],
            atStage.GetValueOrDefault(DemoStage.Assessing) ?? [], now, cancellationToken);
        db.ChangeTracker.Clear();
        return new DemoPathwaySummary(cases, waiting, sources);
    }

    /// <summary>Walks a referred case on to its demo stage, allocating it and setting tasks as a team would.</summary>
    private static async Task WalkAsync(DemoJourneys journeys, DemoStage stage, TrackerRow row, string worker, DateTimeOffset at, int index, DemoRandom random, DateOnly today)
    {
        switch (stage)
        {
            case DemoStage.Closed:
                await journeys.CloseAsync(row, worker, at);
                return;
            case DemoStage.Declined:
                await journeys.DeclineAsync(row, at);
                return;
        }
        at = await journeys.AllocateAsync(row, worker, at);
        var eligible = stage is not (DemoStage.DecidedNotEligible or DemoStage.Signposted);
        // Two to four outcomes unable when eligible (reg 2(1)(b) needs two); one when not.
        List<AdultOutcome> unable = [AdultOutcome.CommunityFacilitiesAndServices, AdultOutcome.Nutrition, AdultOutcome.UsingHomeSafely, AdultOutcome.PersonalHygiene, AdultOutcome.Relationships];
        unable = eligible ? [.. unable.Take(random.Between(2, 4))] : [unable[random.Next(3)]];
        if (stage == DemoStage.Assessing)
        {
            at = await journeys.AssessAsync(row, worker, at, unable, recorded: random.Between(2, 10));
            var due = DateOnly.FromDateTime(at.Date).AddDays(random.Between(14, 60));
            await journeys.AddTaskAsync(row, worker, at, due, "Visit at college to see how they manage travel, lunch and the day");
            return;
        }
        // The first decided-eligible case is one a manager should look at: recorded facts of one outcome, decided eligible.
        var flagged = stage == DemoStage.DecidedEligible && index == 0;
        at = await journeys.AssessAsync(row, worker, at, flagged ? [AdultOutcome.Nutrition] : unable);
        at = await journeys.DecideAsync(row, worker, at, eligible,
            flagged ? "The family meets most needs at home now, but both parents are unwell; without them the young person could not stay safe at home or get out." : null);
        switch (stage)
        {
            case DemoStage.DecidedNotEligible or DemoStage.DecidedEligible:
                return;
            case DemoStage.Signposted:
                await journeys.SignpostAsync(row, worker, at);
                return;
        }
        at = await journeys.AgreePlanAsync(row, worker, at);
        if (stage == DemoStage.PlanAgreed)
        {
            await journeys.AddTaskAsync(row, worker, at, today.AddDays(random.Between(-10, 30)), "Book the handover meeting with the adult team and the family");
            return;
        }
        await journeys.HandOverAsync(row, worker, at);
    }

    /// <summary>The pathway stage a demo stage reaches.</summary>
    private static TransitionsStage Reached(DemoStage stage) => stage switch
    {
        DemoStage.Identified => TransitionsStage.Identified,
        DemoStage.Assessing => TransitionsStage.AssessmentInProgress,
        DemoStage.DecidedEligible or DemoStage.DecidedNotEligible => TransitionsStage.Decided,
        DemoStage.PlanAgreed => TransitionsStage.PlanAgreed,
        DemoStage.HandedOver => TransitionsStage.HandedOver,
        DemoStage.Signposted => TransitionsStage.Signposted,
        DemoStage.Declined => TransitionsStage.Declined,
        _ => TransitionsStage.Closed,
    };

    /// <summary>At least one case for anything the full-size council has, so a small demo still shows every stage.</summary>
    private static int Scaled(int count, double scale) => Math.Max(1, (int)Math.Round(count * scale, MidpointRounding.AwayFromZero));

    private static Practitioner Practitioner(string council, string name) => new(council, name, "transitions-worker");

    /// <summary>A referral day no earlier than the 13th birthday: nobody is referred for transition support as a young child.</summary>
    private static DateOnly ReceivedOn(TrackerRow row, DateOnly day) => day < row.DateOfBirth!.Value.AddYears(13) ? row.DateOfBirth.Value.AddYears(13) : day;

    private static ReferralRequest Request(TrackerRow row, ReferralSource source, DateOnly received, DemoRandom random) =>
        new(source, Referrer(source, random), received, ReasonFor(row, source), Urgencies.Pick(random));

    private static string? Referrer(ReferralSource source, DemoRandom random) => source switch
    {
        ReferralSource.Health => random.Pick(["CAMHS", "GP practice", "Community paediatrics", "Clinical psychology"]),
        ReferralSource.ChildrensSocialCare => random.Pick(["Leaving care team", "Early help", "Children in care team"]),
        ReferralSource.ChildrenWithDisabilitiesTeam => "Children with disabilities team",
        ReferralSource.SenTeam => "SEN casework team",
        ReferralSource.Education => random.Pick(["Secondary school SENCO", "Further education college"]),
        ReferralSource.SpecialistEducationProvider => random.Pick(["Special school", "Residential special school"]),
        ReferralSource.Other => random.Pick(["Youth justice service", "Another council", "Adult social care front door"]),
        _ => null,
    };

    private static string ReasonFor(TrackerRow row, ReferralSource source)
    {
        var need = row.EhcPrimaryNeed is { } primary ? $"EHC plan, primary need: {(CodeLabels.Describe(CodeLabels.SenType, primary) ?? primary).ToLowerInvariant()}. " : "";
        var looked = row.Cohorts.Contains(Cohort.LookedAfter) || row.Cohorts.Contains(Cohort.CareLeaver) ? "Looked after or leaving care. " : "";
        var why = source switch
        {
            ReferralSource.Health => "Long-term health and mental health needs; likely to need support with daily living and keeping safe after 18.",
            ReferralSource.SelfReferral => "Family asking what support will be available when their child turns 18.",
            ReferralSource.Other => "Known to another service; likely to need care and support after 18.",
            _ => "Likely to need support with personal care, daily living and getting out into the community after 18.",
        };
        return need + looked + why;
    }

    private static string IdentifiedBecause(TrackerRow row) =>
        row.Clock.LikelyNeeds is { } likely ? $"Likely to need adult care by the council's rules: {likely}." : "Known to the children with disabilities team; likely to need adult care.";
}
