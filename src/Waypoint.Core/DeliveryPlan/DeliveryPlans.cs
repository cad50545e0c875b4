using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.DeliveryPlan;

/// <summary>What an action says, as the add and edit pages and a spreadsheet row give it.</summary>
public sealed record ActionDetails(
    string Reference, string Action, StrategyAims Aims, string? Owner, string? Timescale, string? Resources, string? CriticalMessages, string? QualityMeasure);

/// <summary>How many actions stand at one status, and its colour on the board's summary.</summary>
public sealed record StatusCount(ActionStatus Status, string Label, Rag Rag, int Count);

/// <summary>How many actions are at one colour.</summary>
public sealed record RagCount(Rag Rag, string Label, int Count);

/// <summary>An action at a minor or major delay, with the latest note anyone wrote on it (why it is late, what is being done).</summary>
public sealed record DelayedAction(string Reference, string Action, string? Owner, string? Timescale, ActionStatus Status, string? LatestNote, DateTimeOffset? NotedAt);

/// <summary>
/// The one-page RAG summary of the delivery plan for the Transitions Board: counts by status and by colour (every status
/// and colour listed, zero where none), and the delayed actions - major delays first, then in reference order.
/// </summary>
public sealed record DeliveryPlanSummary(int Total, IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<RagCount> ByRag, IReadOnlyList<DelayedAction> Delayed);

/// <summary>
/// The council's delivery plan (domain.md "The council's delivery plan"): its strategy actions, their changes through
/// the history, and the board's summary. It holds no personal data; every change is kept in the action's history.
/// </summary>
public static partial class DeliveryPlans
{
    public const int ReferenceLength = 16;
    public const int ActionLength = 2000;
    public const int ShortTextLength = 200;
    public const int TextLength = 2000;
    public const int NoteLength = 2000;

    /// <summary>Every status in the order the board reads them, worst last but one: not started, on track, minor, major, complete.</summary>
    public static IReadOnlyList<ActionStatus> Statuses { get; } = Enum.GetValues<ActionStatus>();

    /// <summary>The aims one at a time, in the strategy's order.</summary>
    public static IReadOnlyList<StrategyAims> EachAim { get; } = [StrategyAims.IntegratedService, StrategyAims.EffectivePlanning, StrategyAims.InformedChoices];

    public static string Label(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.OnTrack => "On track",
        ActionStatus.MinorDelay => "Minor delay",
        ActionStatus.MajorDelay => "Major delay",
        _ => "Complete",
    };

    /// <summary>
    /// The colour the board reads for a status: major delay red, minor delay amber, on track green, complete blue (done,
    /// so no longer a question of green or red), not started grey. docs/delivery-plan.md lists the same.
    /// </summary>
    public static Rag RagOf(ActionStatus status) => status switch
    {
        ActionStatus.MajorDelay => Rag.Red,
        ActionStatus.MinorDelay => Rag.Amber,
        ActionStatus.OnTrack => Rag.Green,
        ActionStatus.Complete => Rag.Blue,
        _ => Rag.Grey,
    };

    public static string Label(Rag rag) => rag.ToString();

    public static string Label(StrategyAims aim) => aim switch
    {
        StrategyAims.IntegratedService => "Integrated service",
        StrategyAims.EffectivePlanning => "Effective planning",
        StrategyAims.InformedChoices => "Informed choices",
        _ => string.Join("; ", EachAim.Where(a => aim.HasFlag(a)).Select(Label)),
    };

    /// <summary>A status or aim as people write it: case, spaces and punctuation aside ("Minor delay", "MINOR-DELAY", "minordelay").</summary>
    public static ActionStatus? ParseStatus(string? text)
    {
        var key = Key(text);
        if (key == "completed") return ActionStatus.Complete;
        return Statuses.Cast<ActionStatus?>().FirstOrDefault(s => Key(Label(s!.Value)) == key);
    }

    /// <summary>Aims separated by semicolons, commas or new lines; null when one of them is no aim of the strategy.</summary>
    public static StrategyAims? ParseAims(string? text)
    {
        var aims = StrategyAims.None;
        foreach (var part in (text ?? "").Split([';', ',', '\n', '\r', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var aim = EachAim.Cast<StrategyAims?>().FirstOrDefault(a => Key(Label(a!.Value)) == Key(part));
            if (aim is null) return null;
            aims |= aim.Value;
        }
        return aims;
    }

    /// <summary>Letters and digits only, lower case: how headings, statuses and aims are matched.</summary>
    internal static string Key(string? text) => NotLetterOrDigit().Replace(text ?? "", "").ToLowerInvariant();

    [GeneratedRegex(@"[^\p{L}\p{N}]")]
    private static partial Regex NotLetterOrDigit();

    /// <summary>A status change needs a note when it moves to a delay: the board asks why, and what is being done.</summary>
    public static bool NeedsNote(ActionStatus from, ActionStatus to) => from != to && to is ActionStatus.MinorDelay or ActionStatus.MajorDelay;

    /// <summary>
    /// What is wrong with an action's details, by the <see cref="ActionDetails"/> property it is about, in GOV.UK wording
    /// ("Enter ..."). The pages and the spreadsheet import check with this one list.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Check(ActionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.Reference)) yield return (nameof(ActionDetails.Reference), "Enter the action's reference, such as 2.3");
        else if (details.Reference.Trim().Length > ReferenceLength) yield return (nameof(ActionDetails.Reference), $"The reference must be {ReferenceLength} characters or fewer");
        if (string.IsNullOrWhiteSpace(details.Action)) yield return (nameof(ActionDetails.Action), "Enter the action");
        else if (details.Action.Trim().Length > ActionLength) yield return (nameof(ActionDetails.Action), $"The action must be {ActionLength:N0} characters or fewer");
        if (details.Aims == StrategyAims.None) yield return (nameof(ActionDetails.Aims), "Select the aims the action serves");
        foreach (var (field, value, length) in new[]
        {
            (nameof(ActionDetails.Owner), details.Owner, ShortTextLength), (nameof(ActionDetails.Timescale), details.Timescale, ShortTextLength),
            (nameof(ActionDetails.Resources), details.Resources, TextLength), (nameof(ActionDetails.CriticalMessages), details.CriticalMessages, TextLength),
            (nameof(ActionDetails.QualityMeasure), details.QualityMeasure, TextLength),
        })
        {
            if (value is not null && value.Trim().Length > length) yield return (field, $"{FieldLabel(field)} must be {length:N0} characters or fewer");
        }
    }

    /// <summary>A field's name as the pages and the spreadsheet's headings say it.</summary>
    public static string FieldLabel(string field) => field switch
    {
        nameof(ActionDetails.CriticalMessages) => "Critical messages",
        nameof(ActionDetails.QualityMeasure) => "Quality measure",
        _ => field,
    };

    /// <summary>The council's actions in reference order ("1.2" before "1.10"), with their history; only those at <paramref name="status"/> if given.</summary>
    public static async Task<List<StrategyAction>> ListAsync(WaypointDbContext db, string council, ActionStatus? status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.StrategyActions.AsNoTracking().Include(a => a.History).Where(a => a.CouncilCode == council);
        if (status is { } only) query = query.Where(a => a.Status == only);
        var actions = await query.ToListAsync(cancellationToken);
        foreach (var action in actions) action.History.Sort((a, b) => a.Version.CompareTo(b.Version));
        actions.Sort((a, b) => ReferenceOrder.Compare(a.Reference, b.Reference));
        return actions;
    }

    /// <summary>One action with its history oldest first, or null when the council has none with that reference.</summary>
    public static async Task<StrategyAction?> GetAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var action = await db.StrategyActions.AsNoTracking().Include(a => a.History).SingleOrDefaultAsync(a => a.CouncilCode == council && a.Reference == reference, cancellationToken);
        action?.History.Sort((a, b) => a.Version.CompareTo(b.Version));
        return action;
    }

    /// <summary>Adds an action at a status (not started unless said), refusing a reference the council already uses.</summary>
    public static async Task<StrategyAction> AddAsync(
        WaypointDbContext db, Practitioner by, ActionDetails details, ActionStatus status, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        Refuse(details);
        var reference = details.Reference.Trim();
        if (await ReferenceTakenAsync(db, by.CouncilCode, reference, null, cancellationToken))
            throw new DeliveryPlanRefusedException($"The plan already has an action {reference}: choose another reference, or change that action") { Field = nameof(ActionDetails.Reference) };
        if (NeedsNote(ActionStatus.NotStarted, status) && string.IsNullOrWhiteSpace(note))
            throw new DeliveryPlanRefusedException("Enter a note saying why the action is delayed") { Field = "Note" };
        var action = new StrategyAction { CouncilCode = by.CouncilCode, Reference = reference, Action = "", ChangedBy = by.UserName };
        Apply(action, details);
        action.Status = status;
        Record(action, by, null, status, string.IsNullOrWhiteSpace(note) ? "Added" : note.Trim(), at);
        db.StrategyActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return action;
    }

    /// <summary>Changes an action's details; the history says which fields changed. Nothing changed is not saved.</summary>
    public static async Task EditAsync(
        WaypointDbContext db, Practitioner by, string reference, int seenVersion, ActionDetails details, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        Refuse(details);
        var action = await LoadAsync(db, by.CouncilCode, reference, seenVersion, cancellationToken);
        if (!string.Equals(details.Reference.Trim(), action.Reference, StringComparison.Ordinal)
            && await ReferenceTakenAsync(db, by.CouncilCode, details.Reference.Trim(), action.Id, cancellationToken))
            throw new DeliveryPlanRefusedException($"The plan already has an action {details.Reference.Trim()}: choose another reference") { Field = nameof(ActionDetails.Reference) };
        var changed = Apply(action, details);
        if (changed.Count == 0) return;
        Record(action, by, action.Status, action.Status, "Changed " + string.Join(", ", changed.Select(f => FieldLabel(f).ToLowerInvariant())), at);
        await SaveAsync(db, action, seenVersion, cancellationToken);
    }

    /// <summary>
    /// Records a status, with a note: the note is needed when the action moves to a delay, and is all there is when the
    /// status stays as it was (a progress note). Either way the history gets a row.
    /// </summary>
    public static async Task UpdateStatusAsync(
        WaypointDbContext db, Practitioner by, string reference, int seenVersion, ActionStatus to, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        var action = await LoadAsync(db, by.CouncilCode, reference, seenVersion, cancellationToken);
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > NoteLength }) throw new DeliveryPlanRefusedException($"The note must be {NoteLength:N0} characters or fewer") { Field = "Note" };
        if (text is null && NeedsNote(action.Status, to))
            throw new DeliveryPlanRefusedException($"Enter a note saying why the action is at {Label(to).ToLowerInvariant()} and what is being done") { Field = "Note" };
        if (text is null && to == action.Status)
            throw new DeliveryPlanRefusedException($"The action is already {Label(to).ToLowerInvariant()}: choose another status, or enter a note") { Field = "Note" };
        var from = action.Status;
        action.Status = to;
        Record(action, by, from, to, text, at);
        await SaveAsync(db, action, seenVersion, cancellationToken);
    }

    /// <summary>The board's one-page summary of the council's plan (see <see cref="DeliveryPlanSummary"/>).</summary>
    public static async Task<DeliveryPlanSummary> SummaryAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        var actions = await ListAsync(db, council, null, cancellationToken);
        var byStatus = Statuses.Select(s => new StatusCount(s, Label(s), RagOf(s), actions.Count(a => a.Status == s))).ToList();
        var byRag = Enum.GetValues<Rag>().Select(r => new RagCount(r, Label(r), actions.Count(a => RagOf(a.Status) == r))).ToList();
        var delayed = actions.Where(a => a.Status is ActionStatus.MajorDelay or ActionStatus.MinorDelay)
            .OrderBy(a => a.Status == ActionStatus.MajorDelay ? 0 : 1)
            .Select(a =>
            {
                var noted = a.History.LastOrDefault(h => !string.IsNullOrWhiteSpace(h.Note));
                return new DelayedAction(a.Reference, a.Action, a.Owner, a.Timescale, a.Status, noted?.Note, noted?.At);
            })
            .ToList();
        return new DeliveryPlanSummary(actions.Count, byStatus, byRag, delayed);
    }

    /// <summary>"1.2" before "1.10" before "2.1": runs of digits compare as numbers, the rest ignoring case.</summary>
    public static IComparer<string> ReferenceOrder { get; } = Comparer<string>.Create(CompareReferences);

    private static int CompareReferences(string? a, string? b)
    {
        var left = ReferenceParts().Matches(a ?? "");
        var right = ReferenceParts().Matches(b ?? "");
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var (x, y) = (left[i].Value, right[i].Value);
            var order = char.IsAsciiDigit(x[0]) && char.IsAsciiDigit(y[0])
                ? x.TrimStart('0').Length != y.TrimStart('0').Length ? x.TrimStart('0').Length.CompareTo(y.TrimStart('0').Length) : string.CompareOrdinal(x.TrimStart('0'), y.TrimStart('0'))
                : string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            if (order != 0) return order;
        }
        return left.Count != right.Count ? left.Count.CompareTo(right.Count) : string.CompareOrdinal(a, b);
    }

    [GeneratedRegex("[0-9]+|[^0-9]+")]
    private static partial Regex ReferenceParts();

    /// <summary>Copies the details onto the action, trimmed, blanks as none; the properties that changed.</summary>
    internal static List<string> Apply(StrategyAction action, ActionDetails details)
    {
        var changed = new List<string>();
        void Set(string field, string? now, string? value, Action<string?> set)
        {
            var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (string.Equals(now, text, StringComparison.Ordinal)) return;
            set(text);
            changed.Add(field);
        }
        Set(nameof(ActionDetails.Reference), action.Reference, details.Reference, v => action.Reference = v!);
        Set(nameof(ActionDetails.Action), action.Action, details.Action, v => action.Action = v!);
        if (action.Aims != details.Aims)
        {
            action.Aims = details.Aims;
            changed.Add(nameof(ActionDetails.Aims));
        }
        Set(nameof(ActionDetails.Owner), action.Owner, details.Owner, v => action.Owner = v);
        Set(nameof(ActionDetails.Timescale), action.Timescale, details.Timescale, v => action.Timescale = v);
        Set(nameof(ActionDetails.Resources), action.Resources, details.Resources, v => action.Resources = v);
        Set(nameof(ActionDetails.CriticalMessages), action.CriticalMessages, details.CriticalMessages, v => action.CriticalMessages = v);
        Set(nameof(ActionDetails.QualityMeasure), action.QualityMeasure, details.QualityMeasure, v => action.QualityMeasure = v);
        return changed;
    }

    /// <summary>Adds the history row for a change and moves the action on a version.</summary>
    internal static void Record(StrategyAction action, Practitioner by, ActionStatus? from, ActionStatus to, string? note, DateTimeOffset at)
    {
        action.Version++;
        action.ChangedAt = at;
        action.ChangedBy = by.UserName;
        action.History.Add(new ActionStatusChange { CouncilCode = by.CouncilCode, From = from, To = to, Note = note, By = by.UserName, At = at, Version = action.Version });
    }

    private static void Refuse(ActionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var (field, message) = Check(details).FirstOrDefault();
        if (message is not null) throw new DeliveryPlanRefusedException(message) { Field = field };
    }

    private static Task<bool> ReferenceTakenAsync(WaypointDbContext db, string council, string reference, long? except, CancellationToken cancellationToken) =>
        db.StrategyActions.AnyAsync(a => a.CouncilCode == council && a.Reference == reference && a.Id != except, cancellationToken);

    /// <summary>The action, tracked for change, if it is still at the version the user saw.</summary>
    private static async Task<StrategyAction> LoadAsync(WaypointDbContext db, string council, string reference, int seenVersion, CancellationToken cancellationToken)
    {
        var action = await db.StrategyActions.SingleOrDefaultAsync(a => a.CouncilCode == council && a.Reference == reference, cancellationToken)
            ?? throw new DeliveryPlanRefusedException($"The plan has no action {reference}.");
        if (action.Version != seenVersion) throw await ChangedAsync(db, action.Id, seenVersion, cancellationToken);
        return action;
    }

    private static async Task SaveAsync(WaypointDbContext db, StrategyAction action, int seenVersion, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The version (a concurrency token) or the unique version of the history stopped this save: another got there first.
            db.ChangeTracker.Clear();
            throw await ChangedAsync(db, action.Id, seenVersion, cancellationToken);
        }
    }

    private static async Task<ActionChangedException> ChangedAsync(WaypointDbContext db, long actionId, int seen, CancellationToken cancellationToken)
    {
        var since = await db.ActionStatusChanges.AsNoTracking().Where(c => c.StrategyActionId == actionId && c.Version > seen).OrderBy(c => c.Version).ToListAsync(cancellationToken);
        var who = since.Select(c => c.By).Distinct().ToList();
        var message = since.Count == 0
            ? "This action has changed since you opened it. Your change has not been saved. Look at the action as it is now and make your change again."
            : $"{string.Join(" and ", who)} changed this action since you opened it. Your change has not been saved. Look at the action as it is now and make your change again.";
        return new ActionChangedException(message, since);
    }
}
