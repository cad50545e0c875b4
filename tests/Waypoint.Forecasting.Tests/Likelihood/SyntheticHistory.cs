using F = Waypoint.Forecasting.Likelihood.LikelihoodFeatures;

namespace Waypoint.Forecasting.Tests.Likelihood;

/// <summary>
/// A made-up council history from a known logistic process, so a test can check that fitting finds the effects it was
/// built with. Prevalences are roughly those of young people known to children's services: about 3 in 10 with an EHC
/// plan (autism the commonest primary need, SLD 8% and PMLD 3% of plans), 8% ever looked after.
/// </summary>
internal static class SyntheticHistory
{
    public const double Intercept = -3;

    /// <summary>The true effects on the log-odds of adult care within a year of 18; features not listed have none.</summary>
    public static readonly IReadOnlyDictionary<string, double> Effects = new Dictionary<string, double>
    {
        [F.EhcPlan] = 0.3,
        [F.EhcNeed("SLD")] = 3,
        [F.EhcNeed("PMLD")] = 3.5,
        [F.EhcNeed("PD")] = 2,
        [F.EhcNeed("ASD")] = 1,
        [F.EhcNeed("MLD")] = 0.5,
        [F.CinDisability("LD")] = 1,
        [F.LookedAfterEver] = 0.7,
        [F.ResidentialSchool] = 1.5,
        [F.ContinuingCare] = 1.2,
        [F.DisabledChildrenTeam] = 0.8,
        [F.HighCost] = 0.5,
        // Present in the history with no effect: fitting should find about 0.
        [F.EhcNeed("SEMH")] = 0,
        [F.EhcNeed("SLCN")] = 0,
        [F.LookedAfterAt16] = 0,
        [F.ChildrensHome] = 0,
    };

    private static readonly (string Need, double Share)[] PrimaryNeeds =
    [
        ("ASD", 0.30), ("SLCN", 0.15), ("SEMH", 0.15), ("MLD", 0.12), ("SLD", 0.08), ("PD", 0.05), ("SPLD", 0.05),
        ("HI", 0.02), ("VI", 0.02), ("PMLD", 0.03), ("OTH", 0.03),
    ];

    /// <summary>
    /// <paramref name="count"/> young people turning 18 evenly over the calendar years from <paramref name="firstYear"/>,
    /// plus about 3% not known to children's services who reach adult care by themselves (who the model must leave out).
    /// </summary>
    public static List<ForecastPerson> Generate(int seed, int count, int firstYear = 2010, int years = 10, long firstId = 1)
    {
        var random = new Random(seed);
        var start = new DateOnly(firstYear - 18, 1, 1);
        var days = new DateOnly(firstYear - 18 + years, 1, 1).DayNumber - start.DayNumber;
        List<ForecastPerson> people = [];
        for (var i = 0; i < count; i++)
        {
            var born = start.AddDays(random.Next(days));
            if (random.NextDouble() < 0.03)
            {
                people.Add(Person(firstId + i, born, new Dictionary<string, double>(), known: false, random.NextDouble() < 0.5, random));
                continue;
            }
            var features = Features(random);
            var logOdds = Intercept + features.Sum(f => Effects.GetValueOrDefault(f.Key) * f.Value);
            var receives = random.NextDouble() < 1 / (1 + Math.Exp(-logOdds));
            people.Add(Person(firstId + i, born, features, known: true, receives, random));
        }
        return people;
    }

    public static ForecastPerson Person(long id, DateOnly born, IReadOnlyDictionary<string, double> features, bool known, bool receives, Random random)
    {
        var turns18 = born.AddYears(18);
        // Some who did not receive care by 19 reach it later, at 19 to 21: not the outcome, and must not count as it.
        var care = receives ? Care(turns18.AddDays(random.Next(365)))
            : random.NextDouble() < 0.05 ? Care(turns18.AddYears(1).AddDays(1 + random.Next(730)))
            : null;
        return new ForecastPerson(id, born, features, NeedGroups.Other, known, care, new Dictionary<int, RouteState>());
    }

    public static AdultCareEntry Care(DateOnly started) => new(started, "Learning Disability Support", 900m, null);

    private static Dictionary<string, double> Features(Random random)
    {
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        void Set(string code, bool on)
        {
            if (on) features[code] = 1;
        }

        string? need = null;
        if (random.NextDouble() < 0.30)
        {
            features[F.EhcPlan] = 1;
            // One plan in ten has no primary need recorded in SEN2 yet, so "has an EHC plan" is not just the sum of needs.
            if (random.NextDouble() < 0.9)
            {
                var draw = random.NextDouble();
                need = PrimaryNeeds.First(n => (draw -= n.Share) < 0 || n == PrimaryNeeds[^1]).Need;
                features[F.EhcNeed(need)] = 1;
            }
        }
        var learning = need is "SLD" or "PMLD";
        Set(F.SpecialSchool, features.ContainsKey(F.EhcPlan) && random.NextDouble() < (learning ? 0.8 : 0.2));
        Set(F.ResidentialSchool, features.ContainsKey(F.EhcPlan) && random.NextDouble() < (learning ? 0.1 : 0.02));
        Set(F.CinDisability("LD"), random.NextDouble() < (learning ? 0.6 : need == "MLD" ? 0.2 : 0.02));
        Set(F.CinDisability("MOB"), random.NextDouble() < (need is "PD" or "PMLD" ? 0.6 : 0.01));
        Set(F.ContinuingCare, random.NextDouble() < (need == "PMLD" ? 0.5 : need == "PD" ? 0.15 : 0.005));
        Set(F.DisabledChildrenTeam, random.NextDouble() < (learning || need == "PD" ? 0.5 : 0.03));
        Set(F.LookedAfterEver, random.NextDouble() < 0.08);
        Set(F.LookedAfterAt16, features.ContainsKey(F.LookedAfterEver) && random.NextDouble() < 0.4);
        Set(F.ChildrensHome, features.ContainsKey(F.LookedAfterEver) && random.NextDouble() < 0.3);
        Set(F.HighCost, (features.ContainsKey(F.ResidentialSchool) || features.ContainsKey(F.ChildrensHome)) ? random.NextDouble() < 0.7 : random.NextDouble() < 0.01);
        return features;
    }
}
