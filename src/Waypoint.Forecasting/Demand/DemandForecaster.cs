using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Waypoint.Forecasting.Demand;

/// <summary>
/// New adult social care entrants aged 18-25 by financial year, by Monte Carlo simulation of two streams (issue 9):
/// the pipeline (young people known to children's services, each with a probability of starting adult care by 26 and
/// a timing after their 18th birthday estimated from history) and people unknown to children's services (a yearly
/// rate estimated from history, with its uncertainty). Each simulated entrant takes the primary support reason, weekly
/// cost and setting of a past entrant of the same need group.
/// </summary>
public static class DemandForecaster
{
    /// <summary>Fewer past entrants than this in a need group: draw from every group's entrants instead.</summary>
    public const int MinimumEntrants = 20;

    /// <summary>How many past years the rate of people unknown to children's services is estimated from.</summary>
    public const int NotKnownYearsUsed = 5;

    private const int YearsAfter18 = 8; // 18 to 25

    /// <summary>
    /// The timing's intervals, in months after the 18th birthday: each month of the first year (planned transitions
    /// start on the birthday itself, so spreading the first year evenly would put half of them in the wrong financial
    /// year), then each later year to 26.
    /// </summary>
    private static readonly int[] TimingMonths = [.. Enumerable.Range(0, 12), .. Enumerable.Range(1, YearsAfter18).Select(y => 12 * y)];

    private static int Intervals => TimingMonths.Length - 1;
    private const double DaysInAYear = 365.25;
    private const int ChunkSize = 100; // simulations per generator: fixed, so the output does not depend on threads

    /// <summary>
    /// Forecasts the <see cref="DemandForecastOptions.Years"/> financial years after the one <paramref name="asOf"/>
    /// falls in, reading <paramref name="history"/> only as it stood at the end of that day.
    /// </summary>
    /// <param name="history">The council's linked history (read as at <paramref name="asOf"/>).</param>
    /// <param name="asOf">The day the forecast is made.</param>
    /// <param name="entryProbability">For a young person known to children's services, the probability that they
    /// start long-term adult social care aged 18-25 (the likelihood model's, or any other). For someone already over 18
    /// and not yet in care, the forecast lowers it by the time already passed.</param>
    /// <param name="options">Years, simulations, seed and scenario (defaults: 5, 10,000, 1, none).</param>
    public static DemandForecast Forecast(IReadOnlyList<ForecastPerson> history, DateOnly asOf, Func<ForecastPerson, double> entryProbability, DemandForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(entryProbability);
        options ??= new DemandForecastOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Years, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Simulations, 1);
        var scenario = options.Scenario ?? DemandScenario.None;
        ArgumentOutOfRangeException.ThrowIfNegative(scenario.ResidentialToCommunityShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scenario.ResidentialToCommunityShare, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(scenario.CommunityWeeklyCost);
        ArgumentOutOfRangeException.ThrowIfNegative(scenario.NotKnownFactor);

        var plan = Plan.Build(history, asOf, entryProbability, options.Years);
        var results = Simulate(plan, options.Simulations, options.Seed, scenario);
        return Summarise(plan, results, options);
    }

    /// <summary>Everything the simulation needs, worked out once from the history.</summary>
    private sealed class Plan
    {
        public required int FirstYear;
        public required int Years;
        public required int[] Edges;              // day numbers: bucket b is [Edges[b], Edges[b+1]); bucket 0 is the rest of this year
        public required string[] Reasons;
        public required Pool[] Pools;             // by need group index; the last is for people unknown to children's services
        public required int[] PipelinePool;
        public required double[] Cumulative;      // pipeline person i, bucket b at [i * (Years + 1) + b]
        public required int[] PipelineLastYear;   // the last forecast year (1-based) they are under 26 on 1 April; 0 none
        public required double NotKnownShape;
        public required double NotKnownRate;      // 0: no estimate, no one
        public required double[] CohortCost;      // by forecast year (0-based): those already in care
        public required DemandBasis Basis;

        public int Metrics => 1 + Reasons.Length + WeeklyCostBands.Bands.Count + 5;
        public int SettingAt => 1 + Reasons.Length + WeeklyCostBands.Bands.Count;
        public int SourceAt => SettingAt + 2;
        public int CostAt => SourceAt + 2;

        public static Plan Build(IReadOnlyList<ForecastPerson> history, DateOnly asOf, Func<ForecastPerson, double> entryProbability, int years)
        {
            var notes = new List<string>();
            var firstYear = FinancialYear.Of(asOf) + 1;
            var edges = new int[years + 2];
            edges[0] = asOf.DayNumber + 1;
            for (var y = 1; y <= years + 1; y++) edges[y] = FinancialYear.Start(firstYear + y - 1).DayNumber;

            bool Entered(ForecastPerson p) => p.AdultCare is { } care && care.Started <= asOf;
            var entrants = history.Where(p => Entered(p) && ForecastHistory.IsYoungAdultEntrant(p)).ToList();
            var reasons = entrants.Select(p => p.AdultCare!.PrimarySupportReason).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var reasonIndex = reasons.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);

            // Pools of past entrants with a recorded cost, by need group, falling back to everyone's when too few.
            var costed = entrants.Where(p => p.AdultCare!.WeeklyCost is not null).ToList();
            if (costed.Count == 0) throw new InvalidOperationException("No past entrant aged 18-25 has a recorded weekly cost, so a forecast by cost cannot be made.");
            var everyone = Pool.Of(costed, reasonIndex, asOf);
            var groups = NeedGroups.All.ToList();
            var pools = new Pool[groups.Count + 1];
            for (var g = 0; g < groups.Count; g++)
            {
                var ofGroup = costed.Where(p => p.NeedGroup == groups[g]).ToList();
                pools[g] = ofGroup.Count >= MinimumEntrants ? Pool.Of(ofGroup, reasonIndex, asOf) : everyone;
                if (ofGroup.Count < MinimumEntrants) notes.Add($"Too few past entrants with the need \"{groups[g]}\" ({ofGroup.Count}): their support reasons and costs are drawn from every group's.");
            }

            var notKnownEntrants = costed.Where(p => !p.KnownToChildrensServices).ToList();
            pools[^1] = notKnownEntrants.Count >= MinimumEntrants ? Pool.Of(notKnownEntrants, reasonIndex, asOf) : everyone;

            var timing = IntervalTiming(history, asOf, notes);

            // The pipeline.
            var buckets = years + 1;
            var cumulative = new List<double>();
            var pipelinePool = new List<int>();
            var lastYears = new List<int>();
            foreach (var p in history)
            {
                if (!p.KnownToChildrensServices || Entered(p)) continue;
                var turns26 = p.DateOfBirth.AddYears(26).DayNumber;
                if (turns26 <= edges[0] || p.Turns18.DayNumber >= edges[^1]) continue;
                var probability = entryProbability(p);
                if (double.IsNaN(probability)) throw new InvalidOperationException($"The entry probability for person {p.Id} is not a number.");
                probability = Math.Clamp(probability, 0, 1);
                if (probability == 0) continue;

                var inBucket = new double[buckets];
                var remaining = 0.0;
                for (var k = 0; k < Intervals; k++)
                {
                    var from = p.Turns18.AddMonths(TimingMonths[k]).DayNumber;
                    var to = k == Intervals - 1 ? turns26 : p.Turns18.AddMonths(TimingMonths[k + 1]).DayNumber;
                    double length = to - from;
                    remaining += timing[k] * Overlap(from, to, edges[0], int.MaxValue) / length;
                    for (var b = 0; b < buckets; b++) inBucket[b] += timing[k] * Overlap(from, to, edges[b], edges[b + 1]) / length;
                }

                // Not yet started by now: the chance of starting later is lower by the time already passed (Bayes).
                var stillToCome = 1 - probability + (probability * remaining);
                var scale = stillToCome > 0 ? probability / stillToCome : 0;
                var total = 0.0;
                for (var b = 0; b < buckets; b++)
                {
                    total += scale * inBucket[b];
                    cumulative.Add(total);
                }

                pipelinePool.Add(groups.IndexOf(p.NeedGroup) is var g and >= 0 ? g : pools.Length - 1);
                var last = 0;
                for (var y = 1; y <= years; y++) if (turns26 > edges[y]) last = y;
                lastYears.Add(last);
            }

            // People unknown to children's services: a Poisson rate with a Jeffreys prior, so its Gamma posterior carries
            // the uncertainty of estimating it from a few years.
            var lastComplete = FinancialYear.LastComplete(asOf);
            var firstData = entrants.Count == 0 ? lastComplete + 1 : entrants.Min(p => FinancialYear.Of(p.AdultCare!.Started));
            var fromYear = Math.Max(firstData, lastComplete - NotKnownYearsUsed + 1);
            var inflowYears = Math.Max(0, lastComplete - fromYear + 1);
            var notKnownCount = entrants.Count(p => !p.KnownToChildrensServices && FinancialYear.Of(p.AdultCare!.Started) is var y && y >= fromYear && y <= lastComplete);
            if (inflowYears == 0) notes.Add("No whole past year of history: people unknown to children's services are not forecast.");
            // Those turning 18 later than four years on are under 14 today: less is known of their needs than by 16.
            var youngFrom = FinancialYear.Of(asOf.AddYears(4).AddDays(1));
            if (youngFrom < firstYear + years)
                notes.Add($"From the year starting April {Math.Max(youngFrom, firstYear)}, some of those turning 18 are under 14 today, when less is known of their needs: those years may be too low.");

            // Those already in care and under 26 at the start of each year.
            var cohortCost = new double[years];
            var inCare = 0;
            foreach (var p in history)
            {
                if (!Entered(p) || p.AdultCare!.Ended <= asOf) continue;
                var turns26 = p.DateOfBirth.AddYears(26).DayNumber;
                if (turns26 <= edges[0]) continue;
                inCare++;
                if (p.AdultCare.WeeklyCost is not { } weekly) continue;
                for (var y = 1; y <= years; y++) if (turns26 > edges[y]) cohortCost[y - 1] += (double)weekly * WeeklyCostBands.WeeksInAYear;
            }

            var rateMean = inflowYears > 0 ? (notKnownCount + 0.5) / inflowYears : 0;
            return new Plan
            {
                FirstYear = firstYear,
                Years = years,
                Edges = edges,
                Reasons = reasons,
                Pools = pools,
                PipelinePool = [.. pipelinePool],
                Cumulative = [.. cumulative],
                PipelineLastYear = [.. lastYears],
                NotKnownShape = notKnownCount + 0.5,
                NotKnownRate = inflowYears,
                CohortCost = cohortCost,
                Basis = new DemandBasis(asOf, 0, 0, ByYear(timing), rateMean, inflowYears, pipelinePool.Count, inCare, notes),
            };
        }

        private static double Overlap(int from, int to, int start, int end) => Math.Max(0, Math.Min(to, end) - Math.Max(from, start));
    }

    /// <summary>
    /// When, after their 18th birthday, young people known to children's services start long-term adult care: the share
    /// of starts in each year after 18 (the first is the year from the 18th birthday; eight years to 26). The likelihood
    /// model's "within a year of 18" becomes the chance of starting at any age to 25 by dividing by the first share.
    /// </summary>
    public static IReadOnlyList<double> EntryTiming(IReadOnlyList<ForecastPerson> history, DateOnly asOf) => ByYear(IntervalTiming(history, asOf, []));

    /// <summary>
    /// The share of starts in each interval of <see cref="TimingMonths"/>: in interval k, the share of everyone followed
    /// through it who started in it, so people not yet followed that far do not count; a start before 18 counts in the
    /// first month.
    /// </summary>
    private static double[] IntervalTiming(IReadOnlyList<ForecastPerson> history, DateOnly asOf, List<string> notes)
    {
        bool Entered(ForecastPerson p) => p.AdultCare is { } care && care.Started <= asOf;
        var started = new double[Intervals];
        var followed = new double[Intervals];
        foreach (var p in history)
        {
            if (!p.KnownToChildrensServices) continue;
            var turns18 = p.Turns18;
            var entry = Entered(p) && ForecastHistory.IsYoungAdultEntrant(p) ? IntervalOf(turns18, p.AdultCare!.Started) : -1;
            for (var k = 0; k < Intervals && turns18.AddMonths(TimingMonths[k + 1]) <= asOf.AddDays(1); k++)
            {
                followed[k]++;
                if (entry == k) started[k]++;
            }
        }

        var rate = new double[Intervals];
        for (var k = 0; k < Intervals; k++) rate[k] = followed[k] > 0 ? started[k] / followed[k] : 0;
        if (followed[^1] == 0) notes.Add("No one in the history has yet been followed to 26, so starts at later ages are not yet counted.");
        var sum = rate.Sum();
        if (sum == 0)
        {
            notes.Add("No young person known to children's services has started adult care in the history: all are taken to start in their first month after 18.");
            rate[0] = sum = 1;
        }
        return [.. rate.Select(r => r / sum)];
    }

    private static int IntervalOf(DateOnly turns18, DateOnly started)
    {
        var k = 0;
        while (k + 1 < Intervals && turns18.AddMonths(TimingMonths[k + 1]) <= started) k++;
        return k;
    }

    private static double[] ByYear(double[] timing)
    {
        var years = new double[YearsAfter18];
        for (var k = 0; k < Intervals; k++) years[TimingMonths[k] / 12] += timing[k];
        return years;
    }

    /// <summary>Past entrants to draw from, in arrays for the simulation's inner loop.</summary>
    private sealed class Pool
    {
        public required int[] Reason;
        public required int[] Band;
        public required double[] Weekly;
        public required bool[] Residential;
        public required double[] AgeAtStart;

        public int Count => Reason.Length;

        public static Pool Of(IReadOnlyList<ForecastPerson> entrants, Dictionary<string, int> reasonIndex, DateOnly asOf) => new()
        {
            Reason = [.. entrants.Select(p => reasonIndex[p.AdultCare!.PrimarySupportReason])],
            Band = [.. entrants.Select(p => WeeklyCostBands.IndexOf(p.AdultCare!.WeeklyCost!.Value))],
            Weekly = [.. entrants.Select(p => (double)p.AdultCare!.WeeklyCost!.Value)],
            // Heading for residential or nursing care: their first long-term care was residential or nursing care.
            Residential = [.. entrants.Select(p => p.AdultCare!.Residential)],
            AgeAtStart = [.. entrants.Select(p => Math.Max(18, (p.AdultCare!.Started.DayNumber - p.DateOfBirth.DayNumber) / DaysInAYear))],
        };
    }

    /// <summary>The simulated metrics: simulation s, forecast year y (0-based), metric m at [(s * Years + y) * Metrics + m].</summary>
    private static double[] Simulate(Plan plan, int simulations, int seed, DemandScenario scenario)
    {
        var metrics = plan.Metrics;
        var results = new double[simulations * plan.Years * metrics];
        var chunks = (simulations + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, chunk =>
        {
            // A generator per stream and chunk, seeded from the seed and the chunk alone: the same output on any
            // number of threads, and a scenario that changes one stream leaves the others' draws alone.
            var pipeline = new Xoshiro256StarStar(Seed(seed, chunk, 1), false);
            var notKnown = new Xoshiro256StarStar(Seed(seed, chunk, 2), false);
            var draws = new Xoshiro256StarStar(Seed(seed, chunk, 3), false);
            var moves = new Xoshiro256StarStar(Seed(seed, chunk, 4), false);
            var uniforms = new double[plan.PipelinePool.Length]; // one draw per person, filled at once (three times faster)
            var end = Math.Min(simulations, (chunk + 1) * ChunkSize);
            for (var s = chunk * ChunkSize; s < end; s++)
            {
                SimulateOne(plan, scenario, results, s * plan.Years * metrics, pipeline, uniforms, notKnown, draws, moves);
            }
        });
        return results;
    }

    // A fixed mix (HashCode is randomised per process); the generator spreads nearby seeds itself.
    private static int Seed(int seed, int chunk, int stream) => unchecked((seed * 1_000_003) + (chunk * 16) + stream);

    private static void SimulateOne(Plan plan, DemandScenario scenario, double[] m, int o, RandomSource pipeline, double[] uniforms, Random notKnown, Random draws, Random moves)
    {
        var years = plan.Years;
        var buckets = years + 1;
        var metrics = plan.Metrics;
        var communityWeekly = (double)scenario.CommunityWeeklyCost;
        var communityBand = WeeklyCostBands.IndexOf(scenario.CommunityWeeklyCost);

        // Draw the rate first, so it is drawn whatever the scenario.
        var rate = plan.NotKnownRate > 0 ? Gamma.Sample(notKnown, plan.NotKnownShape, plan.NotKnownRate) * scenario.NotKnownFactor : 0;

        var cumulative = plan.Cumulative;
        var people = plan.PipelinePool.Length;
        pipeline.NextDoubles(uniforms);
        for (var i = 0; i < people; i++)
        {
            var u = uniforms[i];
            var at = i * buckets;
            if (u >= cumulative[at + buckets - 1]) continue;
            var b = 0;
            while (u >= cumulative[at + b]) b++;
            var pool = plan.Pools[plan.PipelinePool[i]];
            var j = draws.Next(pool.Count);
            Enter(b, pool, j, Math.Max(b, plan.PipelineLastYear[i]), known: true);
        }

        var notKnownPool = plan.Pools[^1];
        for (var b = 0; b < buckets && rate > 0; b++)
        {
            var share = (plan.Edges[b + 1] - plan.Edges[b]) / DaysInAYear;
            if (share <= 0) continue;
            var count = Poisson.Sample(notKnown, rate * share);
            for (var n = 0; n < count; n++)
            {
                var j = draws.Next(notKnownPool.Count);
                // Taken to start mid-bucket: under 26 on a later 1 April while their age then is.
                var ageAtNextApril = notKnownPool.AgeAtStart[j] + (share / 2);
                var last = b;
                for (var y = b + 1; y <= years && ageAtNextApril + (y - b - 1) < 26; y++) last = y;
                Enter(b, notKnownPool, j, last, known: false);
            }
        }

        for (var y = 0; y < years; y++) m[o + (y * metrics) + plan.CostAt] += plan.CohortCost[y];

        void Enter(int bucket, Pool pool, int j, int lastYear, bool known)
        {
            var weekly = pool.Weekly[j];
            var band = pool.Band[j];
            var residential = pool.Residential[j];
            if (residential && moves.NextDouble() < scenario.ResidentialToCommunityShare)
            {
                residential = false;
                weekly = communityWeekly;
                band = communityBand;
            }

            if (bucket >= 1)
            {
                var at = o + ((bucket - 1) * metrics);
                m[at]++;
                m[at + 1 + pool.Reason[j]]++;
                m[at + 1 + plan.Reasons.Length + band]++;
                m[at + plan.SettingAt + (residential ? 0 : 1)]++;
                m[at + plan.SourceAt + (known ? 0 : 1)]++;
            }

            var annual = weekly * WeeklyCostBands.WeeksInAYear;
            for (var y = Math.Max(bucket, 1); y <= lastYear; y++) m[o + ((y - 1) * metrics) + plan.CostAt] += annual;
        }
    }

    private static DemandForecast Summarise(Plan plan, double[] results, DemandForecastOptions options)
    {
        var simulations = options.Simulations;
        var metrics = plan.Metrics;
        var column = new double[simulations];
        Estimate Of(int y, int metric)
        {
            for (var s = 0; s < simulations; s++) column[s] = results[((s * plan.Years) + y) * metrics + metric];
            return Estimate.Of(column);
        }

        OrderedDictionary<string, Estimate> Named(int y, IReadOnlyList<string> names, int from)
        {
            var named = new OrderedDictionary<string, Estimate>(StringComparer.Ordinal);
            for (var k = 0; k < names.Count; k++) named[names[k]] = Of(y, from + k);
            return named;
        }

        var years = new List<DemandYear>();
        for (var y = 0; y < plan.Years; y++)
        {
            years.Add(new DemandYear(
                plan.FirstYear + y,
                Of(y, 0),
                Named(y, plan.Reasons, 1),
                Named(y, WeeklyCostBands.Bands, 1 + plan.Reasons.Length),
                Of(y, plan.CostAt),
                Named(y, [DemandYear.Residential, DemandYear.Community], plan.SettingAt),
                Named(y, [DemandYear.Known, DemandYear.NotKnown], plan.SourceAt)));
        }

        return new DemandForecast(years, plan.Basis with { Simulations = simulations, Seed = options.Seed });
    }
}
