using CsCheck;
using Waypoint.Forecasting.Routes;

namespace Waypoint.Forecasting.Tests.Routes;

public class RouteModelTests
{
    private static readonly int States = Enum.GetValues<RouteState>().Length;

    private static ForecastPerson Person(long id, string group, params (int Age, RouteState State)[] routes) =>
        new(id, new DateOnly(2000, 1, 1), new Dictionary<string, double>(), group, true, null, routes.ToDictionary(r => r.Age, r => r.State));

    /// <summary>
    /// People whose route at 16 is drawn from <paramref name="at16"/> and who move on by the matrices in
    /// <paramref name="steps"/>; each person is seen up to a random age, as a real history is (younger cohorts not yet 25).
    /// </summary>
    private static List<ForecastPerson> Simulate(Random random, string group, int count, double[] at16, double[][][] steps, long firstId = 0)
    {
        var people = new List<ForecastPerson>();
        for (var i = 0; i < count; i++)
        {
            var seenTo = random.Next(1, 5); // seen at 1 to 4 roadmap ages
            var state = Draw(random, at16);
            var routes = new List<(int, RouteState)> { (16, (RouteState)state) };
            for (var a = 0; a + 1 < seenTo; a++)
            {
                state = Draw(random, steps[a][state]);
                routes.Add((ForecastPerson.RouteAges[a + 1], (RouteState)state));
            }

            people.Add(Person(firstId + i, group, [.. routes]));
        }

        return people;
    }

    private static int Draw(Random random, double[] p)
    {
        var u = random.NextDouble();
        for (var i = 0; i < p.Length - 1; i++)
        {
            if ((u -= p[i]) < 0) return i;
        }

        return p.Length - 1;
    }

    private static double[] Dirichlet(Random random, int size)
    {
        var x = Enumerable.Range(0, size).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        var sum = x.Sum();
        return [.. x.Select(v => v / sum)];
    }

    private static double[][][] RandomSteps(Random random) =>
        [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, States).Select(_ => Dirichlet(random, States)).ToArray())];

    [Fact]
    public void Shares_recover_the_known_moves_through_every_age()
    {
        var random = new Random(11);
        var at16 = Dirichlet(random, States);
        var steps = RandomSteps(random);
        var model = RouteModel.Fit(Simulate(random, NeedGroups.LearningDisability, 40_000, at16, steps));

        var roadmap = model.RoadmapFor(NeedGroups.LearningDisability, 16, RouteState.EducationWithEhcPlan);

        Assert.Equal(NeedGroups.LearningDisability, roadmap.SharesFrom);
        Assert.Equal([18, 21, 25], roadmap.Ages.Select(a => a.Age));
        var truth = new double[States];
        truth[(int)RouteState.EducationWithEhcPlan] = 1;
        for (var a = 0; a < 3; a++)
        {
            var next = new double[States];
            for (var from = 0; from < States; from++)
            {
                for (var to = 0; to < States; to++) next[to] += truth[from] * steps[a][from][to];
            }

            truth = next;
            foreach (var share in roadmap.Ages[a].Shares.Where(s => s.Share is not null))
            {
                Assert.InRange(share.Share!.Value, truth[(int)share.State] - 0.03, truth[(int)share.State] + 0.03);
            }
        }
    }

    [Fact]
    public void Shares_shown_and_withheld_add_to_one_and_none_shown_rests_on_fewer_than_five()
    {
        var gen = Gen.Int[1, 400].SelectMany(size => Gen.Int.Select(seed => (size, seed)));
        gen.Sample(((int Size, int Seed) x) =>
        {
            var random = new Random(x.Seed);
            var group = NeedGroups.All[random.Next(NeedGroups.All.Count)];
            var people = Simulate(random, group, x.Size, Dirichlet(random, States), RandomSteps(random));
            var model = RouteModel.Fit(people);
            var age = random.Next(13, 26);
            RouteState? state = random.Next(2) == 0 ? null : (RouteState)random.Next(States);

            var roadmap = model.RoadmapFor(group, age, state);

            foreach (var at in roadmap.Ages)
            {
                Assert.Equal(States, at.Shares.Count);
                Assert.Equal(1.0, at.Shares.Sum(s => s.Share ?? 0) + at.WithheldShare, 9);
                Assert.All(at.Shares.Where(s => s.Share is not null), s => Assert.True(s.People is 0 or >= RouteModel.SmallNumber));
                Assert.All(at.Shares.Where(s => s.Share is null), s => Assert.NotNull(s.WithheldBecause));
                Assert.All(at.Shares, s => Assert.Equal(s.Share is null, s.People is null));
                var withheldPeople = at.Shares.Where(s => s.Share is null).Select(s => (int)s.State).ToList();
                Assert.True(withheldPeople.Count == 0 || at.WithheldShare > 0 || at.Shares.All(s => s.Share is null));
            }
        }, iter: 150);
    }

    [Fact]
    public void A_share_resting_on_four_people_is_withheld_and_so_is_the_next_smallest_so_it_cannot_be_worked_out()
    {
        var people = new List<ForecastPerson>();
        for (var i = 0; i < 30; i++) people.Add(Person(i, NeedGroups.Autism, (16, RouteState.EducationWithEhcPlan), (18, RouteState.EducationWithEhcPlan)));
        for (var i = 30; i < 36; i++) people.Add(Person(i, NeedGroups.Autism, (16, RouteState.EducationWithEhcPlan), (18, RouteState.Employment)));
        for (var i = 36; i < 40; i++) people.Add(Person(i, NeedGroups.Autism, (16, RouteState.EducationWithEhcPlan), (18, RouteState.SupportedLiving)));

        var at18 = RouteModel.Fit(people).RoadmapFor(NeedGroups.Autism, 16, RouteState.EducationWithEhcPlan).Ages[0];

        var living = at18.Shares[(int)RouteState.SupportedLiving];
        Assert.Null(living.Share);
        Assert.Equal("Fewer than 5 people", living.WithheldBecause);
        Assert.Null(at18.Shares[(int)RouteState.Employment].Share); // 4 withheld alone could be worked out from the rest
        Assert.Equal(30.0 / 40, at18.Shares[(int)RouteState.EducationWithEhcPlan].Share!.Value, 9);
        Assert.Equal(30, at18.Shares[(int)RouteState.EducationWithEhcPlan].People);
        Assert.Equal(10.0 / 40, at18.WithheldShare, 9);
        Assert.Equal(40, at18.People);
    }

    [Fact]
    public void A_need_group_with_too_little_history_uses_every_group_and_says_so()
    {
        var random = new Random(5);
        var steps = RandomSteps(random);
        var people = Simulate(random, NeedGroups.LearningDisability, 500, Dirichlet(random, States), steps);
        people.AddRange(Simulate(random, NeedGroups.MentalHealth, 8, Dirichlet(random, States), steps, firstId: 1000));

        var roadmap = RouteModel.Fit(people).RoadmapFor(NeedGroups.MentalHealth, 14, null);

        Assert.Equal(RouteModel.AllNeedGroups, roadmap.SharesFrom);
        Assert.Contains(roadmap.Notes, n => n.Contains("all need groups", StringComparison.Ordinal));
        Assert.Equal([16, 18, 21, 25], roadmap.Ages.Select(a => a.Age));
        Assert.Equal(508, roadmap.Ages[0].People);
    }

    [Fact]
    public void People_not_yet_at_the_later_age_do_not_count_as_leaving_their_route()
    {
        var people = new List<ForecastPerson>();
        for (var i = 0; i < 25; i++) people.Add(Person(i, NeedGroups.Other, (16, RouteState.Employment), (18, RouteState.Employment)));
        for (var i = 25; i < 100; i++) people.Add(Person(i, NeedGroups.Other, (16, RouteState.Employment)));

        var roadmap = RouteModel.Fit(people).RoadmapFor(NeedGroups.Other, 16, RouteState.Employment);

        Assert.Equal(1.0, roadmap.Ages[0].Shares[(int)RouteState.Employment].Share);
        Assert.Equal(25, roadmap.Ages[0].People);
        Assert.Single(roadmap.Ages); // no one seen at 21 yet
        Assert.Contains(roadmap.Notes, n => n.Contains("21", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_route_has_a_label_short_easy_read_lines_and_its_own_icon()
    {
        var states = Enum.GetValues<RouteState>();
        Assert.Equal(states.Length, states.Select(RouteLabels.Label).Distinct().Count());
        Assert.Equal(states.Length, states.Select(RouteLabels.Icon).Distinct().Count());
        Assert.All(states, s => Assert.All(RouteLabels.EasyRead(s), line => Assert.InRange(line.Split(' ').Length, 1, 8)));
    }
}
