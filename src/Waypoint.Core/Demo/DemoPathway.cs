using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
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
    /// (Dorset) has about a dozen in progress, and hands over a few a month.
    /// </summary>
    private static readonly (TransitionsStage Stage, int Cases, int MinAge, int MaxAge)[] Others =
    [
        (TransitionsStage.Identified, 30, 14, 16),
        (TransitionsStage.Closed, 3, 15, 18),
    ];

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
        var taken = new HashSet<long>();
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

        foreach (var (age, people) in WaitingAges)
        {
            for (var i = 0; i < Scaled(people, scale); i++)
            {
                if (Take(age, age) is not { } row) break;
                // About 13 months to clear the list with no new referrals (Dorset): waits run up to a year and more.
                var received = today.AddDays(-random.Between(3, 400));
                if (received < row.DateOfBirth!.Value.AddYears(13)) received = row.DateOfBirth.Value.AddYears(13);
                var source = await ReferAsync(db, council, row, received, random, cancellationToken);
                sources[source] = sources.GetValueOrDefault(source) + 1;
                cases[TransitionsStage.Referred] = cases.GetValueOrDefault(TransitionsStage.Referred) + 1;
                waiting[age] = waiting.GetValueOrDefault(age) + 1;
            }
        }

        foreach (var (stage, count, minAge, maxAge) in Others)
        {
            for (var i = 0; i < Scaled(count, scale); i++)
            {
                if (Take(minAge, maxAge) is not { } row) break;
                var worker = Practitioner(council, Workers[random.Next(Workers.Count)]);
                var start = now.AddDays(-random.Between(30, 360));
                switch (stage)
                {
                    case TransitionsStage.Identified:
                        await CaseLifecycle.IdentifyAsync(db, worker, row.Reference, 0, IdentifiedBecause(row), start, cancellationToken);
                        break;
                    case TransitionsStage.Closed:
                        var source = await ReferAsync(db, council, row, DateOnly.FromDateTime(start.Date), random, cancellationToken);
                        sources[source] = sources.GetValueOrDefault(source) + 1;
                        await CaseLifecycle.CloseAsync(db, worker, row.Reference, 1, "Moved to another council's area; their records were sent on.", start.AddDays(random.Between(5, 25)), cancellationToken);
                        break;
                }
                cases[stage] = cases.GetValueOrDefault(stage) + 1;
            }
        }
        db.ChangeTracker.Clear();
        return new DemoPathwaySummary(cases, waiting, sources);
    }

    /// <summary>At least one case for anything the full-size council has, so a small demo still shows every stage.</summary>
    private static int Scaled(int count, double scale) => Math.Max(1, (int)Math.Round(count * scale, MidpointRounding.AwayFromZero));

    private static Practitioner Practitioner(string council, string name) => new(council, name, "transitions-worker");

    private static async Task<ReferralSource> ReferAsync(WaypointDbContext db, string council, TrackerRow row, DateOnly received, DemoRandom random, CancellationToken cancellationToken)
    {
        var source = Sources.Pick(random);
        var request = new ReferralRequest(source, Referrer(source, random), received, ReasonFor(row, source), Urgencies.Pick(random));
        var recordedAt = new DateTimeOffset(received.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero).AddDays(random.Between(0, 3));
        await Referrals.ReferAsync(db, Practitioner(council, "Demo transitions worker"), row.Reference, 0, request, recordedAt, cancellationToken);
        return source;
    }

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
