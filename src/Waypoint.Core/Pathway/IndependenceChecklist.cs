using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Core.Pathway;

/// <summary>How far a young person has got with one everyday skill on the independence checklist.</summary>
public enum IndependenceStatus
{
    NotStarted,
    WorkingOnIt,
    WithSupport,
    Independently,
    NotRelevant,
}

/// <summary>One item of the independence checklist: a skill in plain words, its preparing-for-adulthood area, and the age it becomes relevant.</summary>
public sealed record IndependenceSkill(string Code, PreparingForAdulthoodOutcome Area, int FromAge, string Text);

/// <summary>
/// One change of an item's status: who made it, when, and their note. Never edited; the item's status is its newest
/// change, and the changes are its history.
/// </summary>
public sealed class IndependenceStatusChange
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>The item's <see cref="IndependenceSkill.Code"/>.</summary>
    public required string SkillCode { get; set; }

    public IndependenceStatus Status { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>An item as the checklist page shows it: its status now and every change, newest first.</summary>
public sealed record ChecklistLine(IndependenceSkill Skill, bool AgeAppropriate, IndependenceStatus Status, IReadOnlyList<IndependenceStatusChange> History);

/// <summary>A young person's independence checklist, as its API returns it.</summary>
public sealed record ChecklistView(string Reference, TransitionsStage Stage, int Version, int? Age, IReadOnlyList<ChecklistLine> Items);

/// <summary>What a practitioner enters to change an item's status.</summary>
public sealed record IndependenceStatusRequest(string SkillCode, IndependenceStatus Status, string? Note);

/// <summary>
/// The independence checklist: everyday skills for adult life from 14, grouped by the four preparing-for-adulthood
/// outcomes (SEND Code of Practice 2015 ch. 8: planning for adulthood starts in Year 9; NICE NG43 1.2). The items are
/// general and written in plain words, for a young person to read with their worker.
/// </summary>
public static class IndependenceChecklist
{
    private const PreparingForAdulthoodOutcome Work = PreparingForAdulthoodOutcome.Employment;
    private const PreparingForAdulthoodOutcome Living = PreparingForAdulthoodOutcome.IndependentLiving;
    private const PreparingForAdulthoodOutcome Community = PreparingForAdulthoodOutcome.FriendsRelationshipsAndCommunity;
    private const PreparingForAdulthoodOutcome Health = PreparingForAdulthoodOutcome.GoodHealth;

    public static IReadOnlyList<IndependenceSkill> Items { get; } =
    [
        new("work-talks-about-future", Work, 14, "Talks about what they would like to do after school"),
        new("work-ready-on-time", Work, 14, "Gets ready for school or college on time"),
        new("work-experience", Work, 15, "Has tried work experience or volunteering"),
        new("work-knows-options", Work, 16, "Knows what courses, training or supported internships they could do"),
        new("work-fills-in-forms", Work, 16, "Can fill in a simple form with their own details"),
        new("work-profile", Work, 17, "Has a CV or a profile of what they are good at"),
        new("work-applies", Work, 18, "Knows how to apply for a job, course or apprenticeship"),

        new("living-travels-to-school", Living, 14, "Travels to school or college independently"),
        new("living-simple-meal", Living, 14, "Can make a simple meal"),
        new("living-laundry", Living, 15, "Does their own laundry"),
        new("living-shops", Living, 15, "Can buy things in a shop and check the change"),
        new("living-home-alone", Living, 15, "Can stay at home alone safely for a few hours"),
        new("living-bank-account", Living, 16, "Knows how to use a bank account"),
        new("living-new-journey", Living, 16, "Can plan a new journey on public transport"),
        new("living-benefits", Living, 16, "Knows which benefits they may be able to claim, such as Personal Independence Payment"),
        new("living-budget", Living, 17, "Can plan a weekly budget"),
        new("living-housing", Living, 17, "Knows how to look for somewhere to live and what it costs"),
        new("living-bills", Living, 18, "Knows how to pay bills and what happens if they are not paid"),

        new("community-emergency-contact", Community, 14, "Knows who to contact in an emergency"),
        new("community-activity", Community, 14, "Takes part in a club, group or activity they enjoy"),
        new("community-online-safety", Community, 15, "Knows how to stay safe online"),
        new("community-keeps-in-touch", Community, 15, "Keeps in touch with friends by phone or online"),
        new("community-relationships", Community, 16, "Understands healthy relationships and consent"),
        new("community-goes-out", Community, 16, "Goes out with friends without an adult from home"),
        new("community-vote", Community, 16, "Knows how to register to vote"),

        new("health-stays-well", Health, 14, "Knows what helps them stay well, such as sleep, food and exercise"),
        new("health-explains-needs", Health, 14, "Can explain their health needs or disability to someone new"),
        new("health-medication", Health, 15, "Manages their own medication"),
        new("health-gp", Health, 16, "Knows their GP surgery and how to make an appointment"),
        new("health-own-decisions", Health, 16, "Knows they make their own decisions about care and treatment from 16, and who can help them"),
        new("health-adult-services", Health, 17, "Knows which adult health services they will move to, and when"),
    ];

    public static IndependenceSkill? Find(string? code) => Items.FirstOrDefault(i => i.Code == code);

    public static string Label(IndependenceStatus status) => status switch
    {
        IndependenceStatus.NotStarted => "Not started",
        IndependenceStatus.WorkingOnIt => "Working on it",
        IndependenceStatus.WithSupport => "Can do with support",
        IndependenceStatus.Independently => "Can do independently",
        IndependenceStatus.NotRelevant => "Not relevant",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// Every item with its status and history for a young person, newest change first. An item is age-appropriate from
    /// its age; with no date of birth recorded every item is shown as appropriate rather than hidden.
    /// </summary>
    public static async Task<IReadOnlyList<ChecklistLine>> LinesAsync(
        WaypointDbContext db, long personId, DateOnly? dateOfBirth, DateOnly today, LeapDayBirthday leapDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changes = await db.IndependenceStatusChanges.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        var age = dateOfBirth is { } born ? Age.On(born, today, leapDay) : (int?)null;
        var bySkill = changes.ToLookup(c => c.SkillCode);
        return [.. Items.Select(i =>
        {
            var history = bySkill[i.Code].ToList();
            return new ChecklistLine(i, age is null || age >= i.FromAge, history.Count == 0 ? IndependenceStatus.NotStarted : history[0].Status, history);
        })];
    }

    /// <summary>The checklist as its API returns it; null when there is no such young person in the council.</summary>
    public static async Task<ChecklistView?> GetAsync(WaypointDbContext db, string council, string reference, DateOnly today, LeapDayBirthday leapDay, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, council, reference, cancellationToken) is not { } view) return null;
        var age = view.DateOfBirth is { } born ? Age.On(born, today, leapDay) : (int?)null;
        return new ChecklistView(view.Reference, view.Stage, view.Version, age, await LinesAsync(db, view.PersonId, view.DateOfBirth, today, leapDay, cancellationToken));
    }

    /// <summary>
    /// Records a new status for an item, with the practitioner's note; the history keeps every earlier one. Allowed
    /// while the young person's case is open (referred to plan agreed): after that the adult team keeps the record.
    /// </summary>
    public static async Task<IndependenceStatusChange> SetStatusAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, IndependenceStatusRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(request);
        var skill = Find(request.SkillCode) ?? throw new PathwayRefusedException("There is no such item on the independence checklist.");
        if (!Enum.IsDefined(request.Status)) throw new PathwayRefusedException("Select how far the young person has got with this.");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note?.Length > 2000) throw new PathwayRefusedException("The note must be 2,000 characters or fewer.");

        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is null) throw new PathwayRefusedException("Refer the young person first: the independence checklist is kept on their transitions case.");
        if (!Referrals.IsOpen(transitionsCase.Stage))
            throw new PathwayRefusedException($"The independence checklist can be changed while the case is open. This case is at {TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant()}.", $"/people/{person.Reference}/case");

        // Items not yet age-appropriate may still be recorded: young people develop at different rates, and a skill a
        // 14-year-old already has is worth recording. The page shows such items as "from age N" so nobody expects them early.
        var latest = await db.IndependenceStatusChanges.Where(c => c.TransitionsCaseId == transitionsCase.Id && c.SkillCode == skill.Code)
            .OrderByDescending(c => c.Id).Select(c => (IndependenceStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        var from = latest ?? IndependenceStatus.NotStarted;
        if (from == request.Status && note is null)
            throw new PathwayRefusedException($"The status is already {Label(from).ToLowerInvariant()}. Choose a different status, or add a note to say what has changed.");

        var change = new IndependenceStatusChange
        {
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            SkillCode = skill.Code,
            Status = request.Status,
            Note = note,
            By = by.UserName,
            At = at,
        };
        db.IndependenceStatusChanges.Add(change);
        var what = from == request.Status
            ? $"Independence checklist: note added to \"{skill.Text}\" ({Label(from).ToLowerInvariant()})"
            : $"Independence checklist: \"{skill.Text}\" changed from {Label(from).ToLowerInvariant()} to {Label(request.Status).ToLowerInvariant()}";
        await CaseWork.SaveAsync(db, by, transitionsCase, what, "case-checklist", $"item {skill.Code}, status {request.Status}", at, cancellationToken);
        return change;
    }
}
