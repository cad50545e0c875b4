using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>Where a referral for transition support came from (domain.md "The pathway"; the sources Dorset counts).</summary>
public enum ReferralSource
{
    Health,
    ChildrensSocialCare,
    ChildrenWithDisabilitiesTeam,
    SelfReferral,
    SenTeam,
    Education,
    SpecialistEducationProvider,
    Other,
}

/// <summary>How soon the referrer says the young person needs a transition assessment; the waiting list is ordered by it.</summary>
public enum ReferralUrgency
{
    Routine,
    Soon,
    Urgent,
}

/// <summary>A request for a transition assessment (Care Act 2014 s.58(1)): who it came from, when, why and how urgent.</summary>
public sealed class Referral
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }
    public ReferralSource Source { get; set; }

    /// <summary>Who referred, in the referrer's own terms ("CAMHS", "Oakfield School"); optional.</summary>
    public string? Referrer { get; set; }

    public DateOnly ReceivedOn { get; set; }
    public required string Reason { get; set; }
    public ReferralUrgency Urgency { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>What a practitioner enters to refer a young person.</summary>
public sealed record ReferralRequest(ReferralSource Source, string? Referrer, DateOnly ReceivedOn, string Reason, ReferralUrgency Urgency);

public static class Referrals
{
    public static string Label(ReferralSource source) => source switch
    {
        ReferralSource.Health => "Health (GP, CAMHS, psychology)",
        ReferralSource.ChildrensSocialCare => "Children's social care (leaving care, early help, looked after)",
        ReferralSource.ChildrenWithDisabilitiesTeam => "Children with disabilities team",
        ReferralSource.SelfReferral => "The young person or their family",
        ReferralSource.SenTeam => "SEN team",
        ReferralSource.Education => "School or college",
        ReferralSource.SpecialistEducationProvider => "Specialist education provider",
        ReferralSource.Other => "Other (youth justice, another council, adult social care)",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static string Label(ReferralUrgency urgency) => urgency switch
    {
        ReferralUrgency.Routine => "Routine",
        ReferralUrgency.Soon => "Soon: needs planning within 3 months",
        ReferralUrgency.Urgent => "Urgent: at risk of a crisis or a gap at 18",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, null),
    };

    /// <summary>Stages at which the young person's referral is still being worked: a second one would duplicate it.</summary>
    public static bool IsOpen(TransitionsStage stage) =>
        stage is TransitionsStage.Referred or TransitionsStage.AssessmentInProgress or TransitionsStage.Decided or TransitionsStage.PlanAgreed;

    /// <summary>
    /// Refers a young person: opens their case (or reopens a closed, declined or signposted one) at "referred" and
    /// records the referral. A young person whose referral is still being worked is not referred twice: the refusal
    /// links to the open case. <paramref name="seenVersion"/> is the case version the user's page showed.
    /// </summary>
    public static async Task<Referral> ReferAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, ReferralRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason)) throw new PathwayRefusedException("Enter the reason for the referral.");
        if (request.ReceivedOn > DateOnly.FromDateTime(at.Date)) throw new PathwayRefusedException("The date the referral was received must be today or in the past.");

        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (person.DateOfBirth is { } born && request.ReceivedOn < born) throw new PathwayRefusedException("The date the referral was received must be after the young person's date of birth.");
        var caseLink = $"/people/{person.Reference}/case";
        if (transitionsCase is { } open && IsOpen(open.Stage))
            throw new PathwayRefusedException($"This young person already has an open referral (the case is at {TransitionsStages.Label(open.Stage).ToLowerInvariant()}). Add to that case instead of referring again.", caseLink);
        if (transitionsCase is { Stage: TransitionsStage.HandedOver })
            throw new PathwayRefusedException("This young person has been handed over to an adult team. Contact that team, or close the case first if transition support must start again.", caseLink);

        var why = $"Referral received from {Label(request.Source)}";
        if (transitionsCase is null)
        {
            transitionsCase = TransitionsCase.Open(person.Id, by.CouncilCode, TransitionsStage.Referred, by.UserName, at, why);
            db.TransitionsCases.Add(transitionsCase);
        }
        else
        {
            // A declined or signposted case ends before a new referral restarts it (the pathway reopens only from closed).
            if (transitionsCase.Stage is TransitionsStage.Declined or TransitionsStage.Signposted)
                transitionsCase.MoveTo(TransitionsStage.Closed, by.UserName, at, "Closed on a new referral");
            transitionsCase.MoveTo(TransitionsStage.Referred, by.UserName, at, why);
        }

        var referral = new Referral
        {
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            Source = request.Source,
            Referrer = Trimmed(request.Referrer),
            ReceivedOn = request.ReceivedOn,
            Reason = request.Reason.Trim(),
            Urgency = request.Urgency,
            RecordedBy = by.UserName,
            RecordedAt = at,
        };
        transitionsCase.Referrals.Add(referral);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Referral recorded: from {Label(request.Source)}, {Label(request.Urgency).ToLowerInvariant()}", "case-refer",
            $"source {request.Source}, urgency {request.Urgency}", at, cancellationToken);
        return referral;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
