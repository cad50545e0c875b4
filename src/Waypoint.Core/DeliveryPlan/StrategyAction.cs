namespace Waypoint.Core.DeliveryPlan;

/// <summary>Where a strategy action stands, as the council reports it to the Transitions Board (domain.md "The council's delivery plan").</summary>
public enum ActionStatus
{
    NotStarted,
    OnTrack,
    MinorDelay,
    MajorDelay,
    Complete,
}

/// <summary>The board's red, amber and green, with blue for done and grey for not yet begun (<see cref="DeliveryPlans.RagOf"/>).</summary>
public enum Rag
{
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

/// <summary>The three aims of the transitions strategy an action serves (domain.md); an action may serve more than one.</summary>
[Flags]
public enum StrategyAims
{
    None = 0,
    IntegratedService = 1,
    EffectivePlanning = 2,
    InformedChoices = 4,
}

/// <summary>
/// One action of the council's transitions strategy. The council's own reference ("2.3") names it, once per council.
/// Its status changes only through <see cref="DeliveryPlans"/>, which writes every change - of status, of a detail, or a
/// note on its own - into <see cref="History"/>, and refuses a save based on an older <see cref="Version"/>.
/// </summary>
public sealed class StrategyAction
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public required string Reference { get; set; }
    public required string Action { get; set; }
    public StrategyAims Aims { get; set; }

    /// <summary>A role or a name, as the council writes it: owners are often outside Waypoint (a health lead, a housing manager).</summary>
    public string? Owner { get; set; }

    /// <summary>As the council writes it ("By March 2027", "Quarterly from April"): kept as text, never read as a date.</summary>
    public string? Timescale { get; set; }

    public string? Resources { get; set; }

    /// <summary>The risks to the action, in the strategy's own words ("critical messages").</summary>
    public string? CriticalMessages { get; set; }

    public string? QualityMeasure { get; set; }
    public ActionStatus Status { get; set; }

    /// <summary>Goes up by one with every saved change, so two people cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }

    /// <summary>Every change, oldest first; never edited.</summary>
    public List<ActionStatusChange> History { get; private set; } = [];
}

/// <summary>
/// One entry in an action's history: a change of status (<see cref="From"/> to <see cref="To"/>), a change of its details
/// or a note with the status as it was (From equals To), or its adding (no From). Who, when and why; never edited.
/// </summary>
public sealed class ActionStatusChange
{
    public long Id { get; set; }
    public long StrategyActionId { get; set; }
    public required string CouncilCode { get; set; }
    public ActionStatus? From { get; set; }
    public ActionStatus To { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The action's version this entry produced.</summary>
    public int Version { get; set; }
}

/// <summary>A change to the delivery plan refused, with the reason in words (a duplicate reference, a delay without a note).</summary>
public class DeliveryPlanRefusedException : InvalidOperationException
{
    public DeliveryPlanRefusedException() { }

    public DeliveryPlanRefusedException(string message) : base(message) { }

    public DeliveryPlanRefusedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The field the refusal is about (a property of <see cref="ActionDetails"/>, or "Note"), when there is one.</summary>
    public string? Field { get; init; }
}

/// <summary>A save refused because someone changed the action after this user loaded it; <see cref="Since"/> says what they did.</summary>
public sealed class ActionChangedException(string message, IReadOnlyList<ActionStatusChange> since) : DeliveryPlanRefusedException(message)
{
    public IReadOnlyList<ActionStatusChange> Since { get; } = since;
}
