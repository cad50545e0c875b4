namespace Waypoint.Core.Demo;

/// <summary>
/// Builds CIN referrals across childhood: one around each period of care, a long one for disabled
/// children (the children with disabilities team), and shorter episodes of help at other times.
/// Referrals of one child never overlap, and all close by the 18th birthday.
/// </summary>
internal static class ChildInNeedBuilder
{
    public static void Build(PersonLife p, Involvement plan, DemoRandom r, DemoContext c)
    {
        if (!plan.ChildInNeed && !p.In903) return;
        var turns18 = p.Birthday(18);
        var lastDay = DemoDates.Min(c.AsOf.AddDays(-1), turns18.AddDays(-1));
        var childNow = c.AsOf < turns18;
        var referrals = p.Referrals;

        // Around each period of care (short breaks are covered by the disability referral).
        foreach (var (first, last) in CareHistoryBuilder.Periods(p.Episodes))
        {
            var period = p.Episodes[first];
            if (period.LegalStatus is "V3" or "V4") continue;
            var ended = p.Episodes[last].End;
            var referralDate = DemoDates.Max(p.DateOfBirth, period.Start.AddDays(-r.Between(0, 90)));
            DateOnly? closure = ended is { } e ? DemoDates.Min(e.AddDays(r.Between(0, 45)), lastDay) : null;
            if (closure < referralDate) closure = referralDate;
            var reason = closure is null ? null : ClosureAfterCare(p.Episodes[last].Rec);
            var previous = referrals.Count > 0 ? referrals[^1] : null;
            if (previous is not null && (previous.ClosureDate is null || previous.ClosureDate >= referralDate.AddDays(-7)))
            {
                previous.ClosureDate = closure;
                previous.ClosureReason = reason;
                continue;
            }
            referrals.Add(new CinReferral
            {
                ReferralDate = referralDate,
                Source = DemoCodes.ReferralSource.Pick(r),
                PrimaryNeed = period.CategoryOfNeed,
                ClosureDate = closure,
                ClosureReason = reason,
            });
        }

        if (plan.Disabled) AddDisabilityReferral(p, plan, r, c, lastDay, childNow);

        var extra = p.Segment == Segment.ChildInNeed ? r.Between(1, 3) : plan.ChildInNeed && r.Chance(0.4) ? 1 : 0;
        if (referrals.Count == 0 && extra == 0) extra = 1;
        for (var n = 0; n < extra; n++) TryAddShortReferral(p, r, c, lastDay, childNow);

        referrals.Sort((a, b) => a.ReferralDate.CompareTo(b.ReferralDate));
        foreach (var referral in referrals) AddDetail(p, plan, referral, r, c);
    }

    private static void AddDisabilityReferral(PersonLife p, Involvement plan, DemoRandom r, DemoContext c, DateOnly lastDay, bool childNow)
    {
        var firstCare = p.Episodes.Count > 0 ? p.Episodes[0].Start : c.AsOf;
        var start = DemoDates.Max(p.DateOfBirth.AddDays(180), p.Birthday(r.Between(1, 7)).AddDays(r.Next(365)));
        start = DemoDates.Min(start, DemoDates.Min(firstCare.AddDays(-30), lastDay.AddDays(-60)));
        if (start < p.DateOfBirth) start = p.DateOfBirth;
        DateOnly? closure = null;
        string? reason = null;
        if (!childNow)
        {
            closure = DemoDates.Max(start, p.Birthday(18).AddDays(-r.Between(1, 30)));
            // RC6 (transferred to adult social care) is set once adult care is decided: DemoAdultCareProcess.
            reason = "RC7";
        }
        else if (start.AddDays(180) < lastDay && r.Chance(0.15))
        {
            closure = r.DateBetween(start.AddDays(180), lastDay);
            reason = "RC7";
        }
        if (Overlaps(p.Referrals, start, closure)) return;
        p.Referrals.Add(new CinReferral
        {
            ReferralDate = start,
            Source = DemoCodes.DisabilityReferralSource.Pick(r),
            PrimaryNeed = r.Chance(0.75) ? "N2" : DemoCodes.ChildInNeedPrimaryNeed.Pick(r),
            ClosureDate = closure,
            ClosureReason = reason,
            DisabledChildrenTeam = true,
        });
    }

    private static void TryAddShortReferral(PersonLife p, DemoRandom r, DemoContext c, DateOnly lastDay, bool childNow)
    {
        if (lastDay <= p.DateOfBirth.AddDays(10))
        {
            // A newborn: referred at birth, still open.
            if (p.Referrals.Count == 0 && childNow) p.Referrals.Add(new CinReferral { ReferralDate = p.DateOfBirth, Source = "3B", PrimaryNeed = "N1" });
            return;
        }
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var referralDate = r.DateBetween(p.DateOfBirth, lastDay.AddDays(-5));
            var nfa = r.Chance(0.15);
            DateOnly? closure = nfa ? referralDate : referralDate.AddDays(20 + r.ExponentialDays(150));
            if (closure > lastDay)
            {
                if (childNow && p.Referrals.TrueForAll(x => x.ClosureDate is not null)) closure = null;
                else closure = lastDay;
            }
            if (Overlaps(p.Referrals, referralDate, closure)) continue;
            var roll = r.NextDouble();
            p.Referrals.Add(new CinReferral
            {
                ReferralDate = referralDate,
                Source = DemoCodes.ReferralSource.Pick(r),
                PrimaryNeed = nfa ? "N9" : DemoCodes.ChildInNeedPrimaryNeed.Pick(r),
                ClosureDate = closure,
                ClosureReason = closure is null ? null : nfa ? "RC8" : roll < 0.5 ? "RC7" : roll < 0.8 ? "RC8" : roll < 0.95 ? "RC9" : "RC5",
                NoFurtherAction = nfa,
            });
            return;
        }
    }

    private static bool Overlaps(List<CinReferral> referrals, DateOnly start, DateOnly? end)
    {
        var last = end ?? DateOnly.MaxValue;
        foreach (var other in referrals)
        {
            var otherEnd = other.ClosureDate ?? DateOnly.MaxValue;
            if (start <= otherEnd.AddDays(otherEnd == DateOnly.MaxValue ? 0 : 7) && other.ReferralDate <= last.AddDays(last == DateOnly.MaxValue ? 0 : 7)) return true;
        }
        return false;
    }

    private static string ClosureAfterCare(string? rec) => rec switch
    {
        "E11" or "E12" => "RC1",
        "E41" => "RC3",
        "E45" or "E46" or "E47" or "E48" => "RC4",
        "E3" => "RC5",
        "E7" => "RC6",
        _ => "RC7",
    };

    /// <summary>Assessments (with factors), CIN plans and child protection plans inside a referral.</summary>
    private static void AddDetail(PersonLife p, Involvement plan, CinReferral referral, DemoRandom r, DemoContext c)
    {
        if (referral.NoFurtherAction) return;
        var end = referral.ClosureDate ?? c.AsOf;
        var assessmentStart = DemoDates.Min(referral.ReferralDate.AddDays(r.Between(0, 10)), end);
        var lengthDays = end.DayNumber - referral.ReferralDate.DayNumber;
        var assessments = lengthDays > 900 ? Math.Min(3, 1 + (lengthDays / 800)) : 1;
        for (var n = 0; n < assessments; n++)
        {
            DateOnly? authorised = assessmentStart.AddDays(r.Between(10, 45));
            if (authorised > end) authorised = referral.ClosureDate is null ? null : end;
            DateOnly? internalReview = authorised is { } a && r.Chance(0.4) ? DemoDates.Max(assessmentStart, a.AddDays(-r.Between(1, 5))) : null;
            referral.Assessments.Add(new CinAssessment(assessmentStart, internalReview, authorised, Factors(p, plan, referral, r)));
            assessmentStart = assessmentStart.AddDays(r.Between(650, 800));
            if (assessmentStart >= end) break;
        }

        var firstAuthorised = referral.Assessments[0].Authorised;
        if (firstAuthorised is { } fa && lengthDays > 60 && r.Chance(0.45))
        {
            var planStart = DemoDates.Min(fa.AddDays(r.Between(0, 20)), end);
            DateOnly? planEnd = referral.ClosureDate is { } closed ? DemoDates.Max(planStart, closed.AddDays(-r.Between(0, 20))) : null;
            referral.Plans.Add((planStart, planEnd));
        }

        if (referral.PrimaryNeed == "N1" && lengthDays > 120 && r.Chance(0.15))
        {
            var conference = referral.ReferralDate.AddDays(r.Between(15, 40));
            referral.InitialCpc = conference;
            DateOnly? cppEnd = conference.AddDays(r.Between(180, 540));
            if (cppEnd > end) cppEnd = referral.ClosureDate is null ? null : end;
            var initial = DemoCodes.CategoryOfAbuse.Pick(r);
            referral.ProtectionPlans.Add(new ProtectionPlan(conference, cppEnd, initial, r.Chance(0.85) ? initial : DemoCodes.CategoryOfAbuse.Pick(r)));
        }
    }

    private static List<string> Factors(PersonLife p, Involvement plan, CinReferral referral, DemoRandom r)
    {
        var factors = new List<string>();
        if (p.LearningDisability && (plan.Disabled || r.Chance(0.5))) factors.Add("5A");
        if (p.PrimaryNeed is "PD" or "PMLD" or "MSI" or "HI" or "VI" && (plan.Disabled || r.Chance(0.5))) factors.Add("6A");
        if ((p.PrimaryNeed == "SEMH" || p.Segment == Segment.AdultMentalHealth) && r.Chance(0.6)) factors.Add("4A");
        if (p.AgeOn(referral.ReferralDate) >= 12 && r.Chance(0.04)) factors.Add("15A");
        // Young carers: a concern noted at assessment (flag YOUNG-CARER).
        if (p.AgeOn(referral.ReferralDate) >= 8 && r.Chance(0.04)) factors.Add("7A");
        var family = referral.PrimaryNeed == "N2" ? (r.Chance(0.3) ? 1 : 0) : r.Between(0, 3);
        for (var n = 0; n < family; n++)
        {
            var factor = DemoCodes.FamilyFactor.Pick(r);
            if (!factors.Contains(factor)) factors.Add(factor);
        }
        if (factors.Count == 0) factors.Add("21");
        return factors;
    }
}
