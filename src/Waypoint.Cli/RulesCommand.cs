using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Waypoint.Core.Audit;
using Waypoint.Core.Rules;

namespace Waypoint.Cli;

/// <summary>`waypoint rules`: the statutory clock for every person of a council on a date.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Date the clock is read at (yyyy-mm-dd); default today" };
        var policyFile = PolicyOption();
        var command = new Command("rules", "Evaluate every statutory milestone and flag for every person, with care-leaver status")
        {
            database, provider, council, json, asOf, policyFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policy = await ReadPolicyAsync(parse.GetValue(policyFile), cancellationToken);
            if (policy is null) return 2;
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var date = parse.GetValue(asOf) ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
            var code = parse.GetValue(council)!;
            policy = policy.ForCouncil(code);
            var clock = Stopwatch.StartNew();
            var facts = await ClockFacts.LoadAsync(db, code, cancellationToken);
            var loaded = clock.Elapsed;
            var people = facts.Values.ToList();
            // JSON is written as each block is evaluated; the summary keeps only counts.
            var summary = parse.GetValue(json) ? null : Summary.Of(people, date, policy);
            var evaluated = clock.Elapsed - loaded;

            db.AuditEvents.Add(new AuditEvent
            {
                At = TimeProvider.System.GetUtcNow(),
                CouncilCode = code,
                UserName = Environment.UserName,
                Role = "administrator",
                Action = "evaluate-rules",
                Detail = $"{people.Count} people as of {date:yyyy-MM-dd}",
            });
            await db.SaveChangesAsync(cancellationToken);

            if (summary is null) await WriteJsonAsync(people, date, policy, cancellationToken);
            else await WriteSummaryAsync(summary, date, loaded, evaluated);
            return 0;
        });
        return command;
    }

    /// <summary>The council's local policy for the statutory clock, for every command that reads the clock.</summary>
    internal static Option<FileInfo?> PolicyOption() => new("--policy")
    {
        Description = "JSON file of local policy (the Waypoint:Rules settings: DueSoonDays, TransitionAssessmentAgeYears, OwnArea, ...); default the built-in defaults",
    };

    internal static async Task<RulesPolicy?> ReadPolicyAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null) return new RulesPolicy();
        try
        {
            await using var stream = file.OpenRead();
            return await JsonSerializer.DeserializeAsync<RulesPolicy>(stream, Json.Options, cancellationToken) ?? new RulesPolicy();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {file.Name}: the policy file could not be read: {e.Message}");
            return null;
        }
    }

    /// <summary>One entry per person, every rule id included; evaluated and written a block at a time.</summary>
    private static async Task WriteJsonAsync(List<PersonFacts> people, DateOnly date, RulesPolicy policy, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        await using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        foreach (var block in people.Chunk(20_000))
        {
            foreach (var (facts, person) in block.Zip(block.AsParallel().AsOrdered().Select(f => StatutoryClock.Evaluate(f, date, policy))))
                Write(json, facts, person);
            await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, PersonFacts facts, PersonClock person)
    {
        json.WriteStartObject();
        json.WriteString("personId", facts.Reference);
        json.WriteString("careLeaverStatus", person.CareLeaver.Id);
        json.WriteNumber("daysLookedAfterSince14", person.CareLeaver.DaysSince14);
        json.WriteString("careLeaverExplanation", person.CareLeaver.Explanation);
        json.WriteStartArray("milestones");
        foreach (var m in person.Milestones)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Rule.Id);
            json.WriteString("status", StatutoryClock.StatusId(m.Status));
            if (m.Due is { } due) json.WriteString("due", due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("explanation", m.Explanation);
            json.WriteString("source", m.Rule.Source);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("flags");
        foreach (var f in person.Flags)
        {
            json.WriteStartObject();
            json.WriteString("id", f.Rule.Id);
            json.WriteString("explanation", f.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>How many people have each care-leaver status, each status of each milestone, and each flag.</summary>
    private sealed class Summary
    {
        public int People { get; private set; }
        public int NoDateOfBirth { get; private set; }
        public int[] CareLeavers { get; } = new int[Enum.GetValues<CareLeaverStatus>().Length];
        public int[,] Milestones { get; } = new int[StatutoryClock.Milestones.Count, Enum.GetValues<MilestoneStatus>().Length];
        public int[] Flags { get; } = new int[StatutoryClock.Flags.Count];

        /// <summary>Every person evaluated on every core, each core counting on its own and adding up at the end.</summary>
        public static Summary Of(List<PersonFacts> people, DateOnly date, RulesPolicy policy)
        {
            var total = new Summary();
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, people.Count, 10_000), () => new Summary(), (range, _, counts) =>
            {
                for (var i = range.Item1; i < range.Item2; i++) counts.Add(StatutoryClock.Evaluate(people[i], date, policy));
                return counts;
            }, counts =>
            {
                lock (total) total.Add(counts);
            });
            return total;
        }

        private void Add(PersonClock clock)
        {
            People++;
            if (clock.CompulsorySchoolAgeEnds is null) NoDateOfBirth++;
            CareLeavers[(int)clock.CareLeaver.Status]++;
            for (var m = 0; m < clock.Milestones.Count; m++) Milestones[m, (int)clock.Milestones[m].Status]++;
            foreach (var flag in clock.Flags) Flags[IndexOf(flag.Rule)]++;
        }

        private static int IndexOf(Rule flag)
        {
            for (var i = 0; i < StatutoryClock.Flags.Count; i++)
            {
                if (StatutoryClock.Flags[i] == flag) return i;
            }
            throw new ArgumentOutOfRangeException(nameof(flag), flag.Id, "Not a flag.");
        }

        private void Add(Summary other)
        {
            People += other.People;
            NoDateOfBirth += other.NoDateOfBirth;
            for (var i = 0; i < CareLeavers.Length; i++) CareLeavers[i] += other.CareLeavers[i];
            for (var m = 0; m < Milestones.GetLength(0); m++)
            {
                for (var s = 0; s < Milestones.GetLength(1); s++) Milestones[m, s] += other.Milestones[m, s];
            }
            for (var i = 0; i < Flags.Length; i++) Flags[i] += other.Flags[i];
        }
    }

    private static async Task WriteSummaryAsync(Summary summary, DateOnly date, TimeSpan loaded, TimeSpan evaluated)
    {
        var o = Console.Out;
        await o.WriteLineAsync($"Statutory clock as of {date:yyyy-MM-dd}: {summary.People:N0} people (facts loaded in {loaded.TotalSeconds:N1} s, rules evaluated in {evaluated.TotalSeconds:N1} s).");
        if (summary.NoDateOfBirth > 0)
            await o.WriteLineAsync($"{summary.NoDateOfBirth:N0} people have no date of birth: their date-based rules are not applicable until it is corrected at source.");
        await o.WriteLineAsync();
        await o.WriteLineAsync("Care-leaver status:");
        foreach (var status in Enum.GetValues<CareLeaverStatus>())
            await o.WriteLineAsync($"  {CareLeaver.Label(status),-24}{summary.CareLeavers[(int)status],10:N0}");
        await o.WriteLineAsync();
        await o.WriteLineAsync($"{"rule",-12}{"upcoming",10}{"due",10}{"overdue",10}{"met",10}");
        for (var m = 0; m < StatutoryClock.Milestones.Count; m++)
        {
            int Count(MilestoneStatus status) => summary.Milestones[m, (int)status];
            await o.WriteLineAsync($"{StatutoryClock.Milestones[m].Id,-12}{Count(MilestoneStatus.Upcoming),10:N0}{Count(MilestoneStatus.Due),10:N0}{Count(MilestoneStatus.Overdue),10:N0}{Count(MilestoneStatus.Met),10:N0}");
        }
        await o.WriteLineAsync();
        for (var i = 0; i < StatutoryClock.Flags.Count; i++)
            await o.WriteLineAsync($"{StatutoryClock.Flags[i].Id,-18}{summary.Flags[i],10:N0} people");
    }
}
