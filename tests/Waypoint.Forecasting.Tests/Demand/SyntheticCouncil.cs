using Waypoint.Forecasting.Demand;

namespace Waypoint.Forecasting.Tests.Demand;

/// <summary>
/// A council's linked history from a known process, for checking the demand forecast against the truth: young people
/// known to children's services start adult care with a known probability by need group, in a known year after 18;
/// people unknown to children's services arrive at a known Poisson rate; support reasons, costs and settings come from
/// known distributions. <see cref="Entrants"/> counts what really happened, so a forecast made at an earlier day can
/// be scored.
/// </summary>
internal sealed class SyntheticCouncil
{
    public const string LearningDisabilitySupport = "Learning disability support";
    public const string MentalHealthSupport = "Mental health support";
    public const string PersonalCare = "Physical support: Personal care support";

    /// <summary>Residential placements cost this a week, so a scenario's change in cost is known exactly.</summary>
    public const decimal ResidentialWeekly = 2500;

    public static readonly IReadOnlyDictionary<string, double> EntryProbability = new Dictionary<string, double>
    {
        [NeedGroups.LearningDisability] = 0.6,
        [NeedGroups.Autism] = 0.3,
        [NeedGroups.PhysicalOrSensory] = 0.4,
        [NeedGroups.MentalHealth] = 0.15,
        [NeedGroups.Other] = 0.1,
    };

    /// <summary>Of those who start, the share starting in each year after 18.</summary>
    public static readonly double[] Timing = [0.6, 0.15, 0.08, 0.06, 0.04, 0.03, 0.02, 0.02];

    public IReadOnlyList<ForecastPerson> People { get; }

    public double NotKnownPerYear { get; }

    // onTheBirthday: of those starting in their first year after 18, the share whose care starts on the 18th birthday
    // itself (a planned transition); the rest start at any time in the year. timing: the share starting in each year
    // after 18, if not Timing.
    public SyntheticCouncil(int seed, int perCohort = 150, double notKnownPerYear = 8, int firstCohort = 1994, int lastCohort = 2015, int firstDataYear = 2012, int lastDataYear = 2035, double onTheBirthday = 0, double[]? timing = null)
    {
        timing ??= Timing;
        NotKnownPerYear = notKnownPerYear;
        var random = new Random(seed);
        var people = new List<ForecastPerson>();
        long id = 0;
        for (var born = firstCohort; born <= lastCohort; born++)
        {
            for (var i = 0; i < perCohort; i++)
            {
                var dob = new DateOnly(born, 1, 1).AddDays(random.Next(365));
                var group = Group(random);
                var person = new ForecastPerson(id++, dob, new Dictionary<string, double>(), group, true, null, new Dictionary<int, RouteState>());
                AdultCareEntry? care = null;
                if (random.NextDouble() < EntryProbability[group])
                {
                    var k = Draw(random, timing);
                    var from = person.Turns18.AddYears(k);
                    var to = k == timing.Length - 1 ? dob.AddYears(26) : person.Turns18.AddYears(k + 1);
                    var started = k == 0 && random.NextDouble() < onTheBirthday ? from : from.AddDays(random.Next(to.DayNumber - from.DayNumber));
                    care = Care(random, group, started);
                }

                people.Add(person with { AdultCare = care, Routes = Routes(dob, care) });
            }
        }

        for (var year = firstDataYear; year <= lastDataYear; year++)
        {
            var count = MathNet.Numerics.Distributions.Poisson.Sample(random, notKnownPerYear);
            for (var n = 0; n < count; n++)
            {
                var started = FinancialYear.Start(year).AddDays(random.Next(365));
                var dob = started.AddDays(-random.Next(18 * 365 + 5, 26 * 365 - 5));
                var group = Group(random);
                var care = Care(random, group, started);
                people.Add(new ForecastPerson(id++, dob, new Dictionary<string, double>(), group, false, care, Routes(dob, care)));
            }
        }

        People = people;
    }

    /// <summary>New entrants aged 18-25 in a financial year: what really happened.</summary>
    public int Entrants(int year) => People.Count(p => p.AdultCare is { } c && FinancialYear.Of(c.Started) == year);

    public static double Probability(ForecastPerson person) => EntryProbability[person.NeedGroup];

    /// <summary>The share of each cohort in each need group, in the order of NeedGroups.All.</summary>
    public static readonly double[] GroupShares = [0.35, 0.3, 0.1, 0.15, 0.1];

    /// <summary>Entrants a year known to children's services, on average, once every age to 25 has a whole cohort.</summary>
    public static double ExpectedKnownEntrantsPerYear(int perCohort) => perCohort * NeedGroups.All.Select((g, i) => GroupShares[i] * EntryProbability[g]).Sum();

    private static string Group(Random random) => NeedGroups.All[Draw(random, GroupShares)];

    private static AdultCareEntry Care(Random random, string group, DateOnly started)
    {
        var reason = group switch
        {
            NeedGroups.LearningDisability => random.NextDouble() < 0.9 ? LearningDisabilitySupport : MentalHealthSupport,
            NeedGroups.PhysicalOrSensory => PersonalCare,
            NeedGroups.MentalHealth => MentalHealthSupport,
            _ => random.NextDouble() < 0.5 ? LearningDisabilitySupport : MentalHealthSupport,
        };
        var residential = random.NextDouble() < (group == NeedGroups.LearningDisability ? 0.25 : 0.1);
        var weekly = residential ? ResidentialWeekly : Math.Round((decimal)Math.Exp(5.8 + (0.7 * Normal(random))), 2);
        return new AdultCareEntry(started, reason, weekly, null, residential);
    }

    private static Dictionary<int, RouteState> Routes(DateOnly dob, AdultCareEntry? care)
    {
        var routes = new Dictionary<int, RouteState>();
        if (care is null) return routes;
        var setting = care.Residential ? RouteState.ResidentialOrNursingCare : RouteState.AdultCommunitySupport;
        foreach (var age in new[] { 18, 21, 25 })
        {
            if (dob.AddYears(age) >= care.Started) routes[age] = setting;
        }

        if (routes.Count == 0) routes[25] = setting;
        return routes;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Draw(Random random, double[] p)
    {
        var u = random.NextDouble();
        for (var i = 0; i < p.Length - 1; i++)
        {
            if ((u -= p[i]) < 0) return i;
        }

        return p.Length - 1;
    }
}
