using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using static Waypoint.Core.Pathway.TransitionsStage;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>
/// The pathway's moves (domain.md "The pathway"), every pair of stages: the diagram's arrows, closing from any stage
/// and reopening a closed case are allowed; everything else is refused with a message and leaves the case as it was.
/// </summary>
public class TransitionsCaseTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The diagram's arrows, written out here rather than read from the code under test.</summary>
    private static readonly HashSet<(TransitionsStage, TransitionsStage)> Legal =
    [
        (NotIdentified, Identified), (NotIdentified, Referred), (Identified, Referred),
        (Referred, AssessmentInProgress), (Referred, Declined), (AssessmentInProgress, Decided),
        (Decided, PlanAgreed), (Decided, Signposted), (PlanAgreed, HandedOver),
        (Identified, Closed), (Referred, Closed), (AssessmentInProgress, Closed), (Decided, Closed), (PlanAgreed, Closed),
        (HandedOver, Closed), (Signposted, Closed), (Declined, Closed),
        (Closed, Identified), (Closed, Referred),
    ];

    /// <summary>A legal way to each stage from a new case.</summary>
    private static readonly Dictionary<TransitionsStage, TransitionsStage[]> PathTo = new()
    {
        [NotIdentified] = [],
        [Identified] = [Identified],
        [Referred] = [Referred],
        [AssessmentInProgress] = [Referred, AssessmentInProgress],
        [Decided] = [Referred, AssessmentInProgress, Decided],
        [PlanAgreed] = [Referred, AssessmentInProgress, Decided, PlanAgreed],
        [HandedOver] = [Referred, AssessmentInProgress, Decided, PlanAgreed, HandedOver],
        [Signposted] = [Referred, AssessmentInProgress, Decided, Signposted],
        [Declined] = [Referred, Declined],
        [Closed] = [Identified, Closed],
    };

    private static TransitionsCase CaseAt(TransitionsStage stage)
    {
        var transitionsCase = new TransitionsCase { PersonId = 1, CouncilCode = "999", OpenedAt = Start, StageChangedAt = Start };
        var at = Start;
        foreach (var step in PathTo[stage]) transitionsCase.MoveTo(step, "worker", at = at.AddDays(1), "on the way");
        Assert.Equal(stage, transitionsCase.Stage);
        return transitionsCase;
    }

    public static TheoryData<TransitionsStage, TransitionsStage> EveryPair()
    {
        var data = new TheoryData<TransitionsStage, TransitionsStage>();
        foreach (var from in Enum.GetValues<TransitionsStage>())
        {
            foreach (var to in Enum.GetValues<TransitionsStage>()) data.Add(from, to);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_move_is_made_only_where_the_pathway_allows_it(TransitionsStage from, TransitionsStage to)
    {
        var transitionsCase = CaseAt(from);
        var moves = transitionsCase.Moves.Count;
        var at = Start.AddDays(30);

        if (Legal.Contains((from, to)))
        {
            var move = transitionsCase.MoveTo(to, "a.worker", at, "  referral from the SEN team  ");
            Assert.Equal((to, at), (transitionsCase.Stage, transitionsCase.StageChangedAt));
            Assert.Equal((from, to, "a.worker", at, "referral from the SEN team"), (move.From, move.To, move.By, move.At, move.Why));
            Assert.Same(move, transitionsCase.Moves[^1]);
        }
        else
        {
            var e = Assert.Throws<IllegalMoveException>(() => transitionsCase.MoveTo(to, "a.worker", at, "a reason"));
            Assert.StartsWith($"A case at {TransitionsStages.Label(from).ToLowerInvariant()} cannot move to {TransitionsStages.Label(to).ToLowerInvariant()}: ", e.Message, StringComparison.Ordinal);
            Assert.Equal(from, transitionsCase.Stage);
            Assert.Equal(moves, transitionsCase.Moves.Count);
        }
    }

    [Fact]
    public void The_refusal_names_the_moves_the_case_can_make()
    {
        var e = Assert.Throws<IllegalMoveException>(() => CaseAt(Referred).MoveTo(PlanAgreed, "a.worker", Start.AddDays(9), "skip ahead"));

        Assert.Equal("A case at referred cannot move to plan agreed: it can move to assessment in progress, declined, closed.", e.Message);
    }

    [Theory]
    [InlineData("", "a reason")]
    [InlineData("a.worker", "")]
    [InlineData("a.worker", "   ")]
    public void Every_move_needs_who_and_why(string by, string why)
    {
        var transitionsCase = CaseAt(Identified);

        Assert.Throws<IllegalMoveException>(() => transitionsCase.MoveTo(Referred, by, Start.AddDays(9), why));
        Assert.Equal(Identified, transitionsCase.Stage);
    }

    [Fact]
    public void A_move_cannot_be_dated_before_the_last_one()
    {
        var transitionsCase = CaseAt(Referred);

        Assert.Throws<IllegalMoveException>(() => transitionsCase.MoveTo(AssessmentInProgress, "a.worker", Start, "assessment booked"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_case_and_its_moves_are_stored_and_move_on_after_loading(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            db.People.Add(new Person { Id = 1, Reference = "B0000000001", CouncilCode = "999" });
            db.TransitionsCases.Add(TransitionsCase.Open(1, "999", Referred, "a.worker", Start, "referral from health: complex needs"));
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            var loaded = await db.TransitionsCases.Include(c => c.Moves).SingleAsync();
            loaded.MoveTo(AssessmentInProgress, "b.worker", Start.AddDays(3), "consent given; assessment started");
            await db.SaveChangesAsync();
        }

        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).SingleAsync();
        Assert.Equal((AssessmentInProgress, Start.AddDays(3)), (stored.Stage, stored.StageChangedAt));
        Assert.Equal(
            [(NotIdentified, Referred, "a.worker", "referral from health: complex needs"), (Referred, AssessmentInProgress, "b.worker", "consent given; assessment started")],
            stored.Moves.OrderBy(m => m.At).Select(m => (m.From, m.To, m.By, m.Why)));
    }
}
