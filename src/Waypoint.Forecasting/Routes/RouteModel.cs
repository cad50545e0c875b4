namespace Waypoint.Forecasting.Routes;

/// <summary>
/// Where people like one young person were at each later age of the roadmap (domain.md "Roadmap"). A share is shown
/// with the number of people it rests on; one resting on 1 to 4 people is withheld (domain.md "Measures": small
/// numbers are suppressed), but counted in <see cref="RoadmapAge.WithheldShare"/>, so the shares shown and withheld add to one.
/// </summary>
/// <param name="NeedGroup">The young person's need group.</param>
/// <param name="SharesFrom">Whose history the shares come from: the need group, or "All need groups" when the group
/// has too little history (said in <paramref name="Notes"/>).</param>
/// <param name="Notes">What a reader should know about these shares, in plain words.</param>
/// <param name="Ages">The later ages, in order; ages no one in the history has yet reached are left out (and said).</param>
public sealed record Roadmap(string NeedGroup, string SharesFrom, IReadOnlyList<string> Notes, IReadOnlyList<RoadmapAge> Ages);

/// <summary>The shares at one later age of a roadmap.</summary>
/// <param name="Age">16, 18, 21 or 25.</param>
/// <param name="Shares">A share for every route, in the order of <see cref="RouteState"/>.</param>
/// <param name="WithheldShare">The shares withheld, together (0 when none is).</param>
/// <param name="People">How many people in the history these shares rest on (those seen at this age who were, at the
/// age before, where this young person may be).</param>
public sealed record RoadmapAge(int Age, IReadOnlyList<RouteShare> Shares, double WithheldShare, int People);

/// <summary>One route at one age of a roadmap.</summary>
/// <param name="State">The route.</param>
/// <param name="Share">The share of similar people on this route, 0 to 1; null when withheld.</param>
/// <param name="People">How many people of the history were seen on this route; null when withheld.</param>
/// <param name="WithheldBecause">Why the share is not shown, when it is not.</param>
public sealed record RouteShare(RouteState State, double? Share, int? People, string? WithheldBecause)
{
    public string Label => RouteLabels.Label(State);
}

/// <summary>
/// A multi-state model of young people's routes: by need group, the share moving from each route at one roadmap age
/// (16, 18, 21, 25) to each route at the next, counted from the people seen at both ages. People not yet at the later
/// age do not count towards that step, so a young history is not read as people leaving their route.
/// </summary>
public sealed class RouteModel
{
    /// <summary>Shares resting on fewer people than this are withheld (domain.md "Measures").</summary>
    public const int SmallNumber = 5;

    /// <summary>A need group with fewer people than this behind a step uses every group's history instead.</summary>
    public const int MinimumHistory = 20;

    public const string AllNeedGroups = "All need groups";

    private static readonly int States = Enum.GetValues<RouteState>().Length;
    private static readonly IReadOnlyList<int> Ages = ForecastPerson.RouteAges;

    // By need group (and AllNeedGroups): people at each age by route, and moves between consecutive ages [from, to].
    private readonly Dictionary<string, int[][]> atAge = [];
    private readonly Dictionary<string, int[][,]> moves = [];

    private RouteModel()
    {
    }

    public static RouteModel Fit(IEnumerable<ForecastPerson> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var model = new RouteModel();
        foreach (var person in history)
        {
            foreach (var group in new[] { person.NeedGroup, AllNeedGroups })
            {
                var (counts, steps) = model.For(group);
                for (var a = 0; a < Ages.Count; a++)
                {
                    if (!person.Routes.TryGetValue(Ages[a], out var state)) continue;
                    counts[a][(int)state]++;
                    if (a + 1 < Ages.Count && person.Routes.TryGetValue(Ages[a + 1], out var next)) steps[a][(int)state, (int)next]++;
                }
            }
        }

        return model;
    }

    private (int[][] Counts, int[][,] Steps) For(string group)
    {
        if (!atAge.TryGetValue(group, out var counts))
        {
            atAge[group] = counts = [.. Ages.Select(_ => new int[States])];
            moves[group] = [.. Ages.Skip(1).Select(_ => new int[States, States])];
        }

        return (counts, moves[group]);
    }

    /// <summary>
    /// The roadmap for a young person of <paramref name="needGroup"/> aged <paramref name="currentAge"/>. Their
    /// <paramref name="currentState"/>, when known and they are 16 or over, is taken as their route at the last roadmap
    /// age they have reached; otherwise the roadmap starts from where people of their group were at the next roadmap age.
    /// </summary>
    public Roadmap RoadmapFor(string needGroup, int currentAge, RouteState? currentState)
    {
        ArgumentNullException.ThrowIfNull(needGroup);
        var notes = new List<string>();
        var reached = Ages.Count(a => a <= currentAge) - 1; // index of the last roadmap age reached, -1 before 16
        if (currentState is not null && reached < 0)
        {
            notes.Add($"Routes are recorded from 16, so where they are now at {currentAge} is not used.");
            currentState = null;
        }

        var start = currentState is null ? reached + 1 : reached;
        if (start >= Ages.Count) return new Roadmap(needGroup, needGroup, ["The roadmap ends at 25."], []);

        var group = HasEnoughHistory(needGroup, start, currentState is null) ? needGroup : AllNeedGroups;
        if (group != needGroup)
        {
            notes.Add($"Too few young people with the need \"{needGroup}\" in the council's history, so these shares are for young people of all need groups.");
        }

        var (counts, steps) = For(group);
        var ages = new List<RoadmapAge>();
        double[] share;
        if (currentState is { } known)
        {
            share = new double[States];
            share[(int)known] = 1;
        }
        else
        {
            var people = counts[start];
            var total = people.Sum();
            if (total == 0) return NoOneSeen(needGroup, group, notes, ages, start);
            share = [.. people.Select(n => (double)n / total)];
            ages.Add(Shown(Ages[start], share, [.. people], total));
        }

        for (var a = start; a + 1 < Ages.Count; a++)
        {
            var step = steps[a];
            var next = new double[States];
            var people = new int[States];
            var behind = 0;
            var anyoneFrom = true;
            for (var from = 0; from < States; from++)
            {
                if (share[from] == 0) continue;
                var n = Row(step, from);
                if (n == 0) anyoneFrom = false;
            }

            if (anyoneFrom)
            {
                for (var from = 0; from < States; from++)
                {
                    if (share[from] == 0) continue;
                    var n = Row(step, from);
                    behind += n;
                    for (var to = 0; to < States; to++)
                    {
                        next[to] += share[from] * step[from, to] / n;
                        people[to] += step[from, to];
                    }
                }
            }
            else
            {
                // No one in the history went on from one of the routes this young person may be on: use where everyone
                // seen at both ages went, rather than guess.
                for (var from = 0; from < States; from++)
                {
                    for (var to = 0; to < States; to++) people[to] += step[from, to];
                }

                behind = people.Sum();
                if (behind > 0)
                {
                    notes.Add($"No one in the history went on from the same route at {Ages[a]}, so the shares at {Ages[a + 1]} are for everyone seen at both ages.");
                    for (var to = 0; to < States; to++) next[to] = (double)people[to] / behind;
                }
            }

            if (behind == 0) return NoOneSeen(needGroup, group, notes, ages, a + 1);
            share = next;
            ages.Add(Shown(Ages[a + 1], share, people, behind));
        }

        return new Roadmap(needGroup, group, notes, ages);
    }

    private static Roadmap NoOneSeen(string needGroup, string group, List<string> notes, List<RoadmapAge> ages, int age)
    {
        notes.Add($"No one in the council's history has yet been seen at {Ages[age]}, so the roadmap stops {(ages.Count == 0 ? "here" : $"at {ages[^1].Age}")}.");
        return new Roadmap(needGroup, group, notes, ages);
    }

    private static int Row(int[,] step, int from)
    {
        var n = 0;
        for (var to = 0; to < step.GetLength(1); to++) n += step[from, to];
        return n;
    }

    private bool HasEnoughHistory(string needGroup, int start, bool fromCounts)
    {
        if (!atAge.TryGetValue(needGroup, out var counts)) return false;
        if (fromCounts && counts[start].Sum() < MinimumHistory) return false;
        var steps = moves[needGroup];
        for (var a = start; a < steps.Length; a++)
        {
            var n = 0;
            foreach (var x in steps[a]) n += x;
            if (n < MinimumHistory) return false;
        }

        return true;
    }

    /// <summary>
    /// Withholds the shares resting on 1 to 4 people; and, when what is withheld together still rests on fewer than 5
    /// (so it could be worked out from the rest), the smallest shown share as well, until it does not.
    /// </summary>
    private static RoadmapAge Shown(int age, double[] share, int[] people, int behind)
    {
        var withheld = new bool[share.Length];
        var withheldPeople = 0;
        for (var s = 0; s < share.Length; s++)
        {
            if (people[s] is > 0 and < SmallNumber)
            {
                withheld[s] = true;
                withheldPeople += people[s];
            }
        }

        while (withheldPeople is > 0 and < SmallNumber)
        {
            var smallest = -1;
            for (var s = 0; s < share.Length; s++)
            {
                if (!withheld[s] && people[s] > 0 && (smallest < 0 || people[s] < people[smallest])) smallest = s;
            }

            if (smallest < 0) break;
            withheld[smallest] = true;
            withheldPeople += people[smallest];
        }

        var shares = new RouteShare[share.Length];
        var withheldShare = 0.0;
        for (var s = 0; s < share.Length; s++)
        {
            if (withheld[s])
            {
                withheldShare += share[s];
                shares[s] = new RouteShare((RouteState)s, null, null,
                    people[s] < SmallNumber ? "Fewer than 5 people" : "Withheld so that a smaller number cannot be worked out");
            }
            else
            {
                shares[s] = new RouteShare((RouteState)s, share[s], people[s], null);
            }
        }

        return new RoadmapAge(age, shares, withheldShare, behind);
    }
}
