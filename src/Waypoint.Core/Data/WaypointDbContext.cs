using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Core.Audit;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Core.Data;

/// <summary>The one database of Waypoint, provider-neutral: SQLite embedded, PostgreSQL in production.</summary>
public sealed class WaypointDbContext(DbContextOptions<WaypointDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<SourceRecord> SourceRecords => Set<SourceRecord>();
    public DbSet<SourceIdentifier> SourceIdentifiers => Set<SourceIdentifier>();
    public DbSet<RecordLink> RecordLinks => Set<RecordLink>();

    public DbSet<ParentInCare> ParentsInCare => Set<ParentInCare>();
    public DbSet<CareEpisode> CareEpisodes => Set<CareEpisode>();
    public DbSet<UnaccompaniedAsylumSeeker> UnaccompaniedAsylumSeekers => Set<UnaccompaniedAsylumSeeker>();
    public DbSet<HealthOutcome> HealthOutcomes => Set<HealthOutcome>();
    public DbSet<CareLeaverContact> CareLeaverContacts => Set<CareLeaverContact>();
    public DbSet<AdoptionDecision> AdoptionDecisions => Set<AdoptionDecision>();
    public DbSet<AdoptionPlacement> AdoptionPlacements => Set<AdoptionPlacement>();
    public DbSet<PreviousPermanence> PreviousPermanences => Set<PreviousPermanence>();
    public DbSet<MissingEpisode> MissingEpisodes => Set<MissingEpisode>();
    public DbSet<CareReview> CareReviews => Set<CareReview>();
    public DbSet<SocialWorkerEpisode> SocialWorkerEpisodes => Set<SocialWorkerEpisode>();
    public DbSet<DeprivationOfLiberty> DeprivationsOfLiberty => Set<DeprivationOfLiberty>();

    public DbSet<ChildDisability> ChildDisabilities => Set<ChildDisability>();
    public DbSet<CinReferral> CinReferrals => Set<CinReferral>();
    public DbSet<CinAssessment> CinAssessments => Set<CinAssessment>();
    public DbSet<CinPlan> CinPlans => Set<CinPlan>();
    public DbSet<ChildProtectionPlan> ChildProtectionPlans => Set<ChildProtectionPlan>();

    public DbSet<EhcRequest> EhcRequests => Set<EhcRequest>();
    public DbSet<EhcAssessment> EhcAssessments => Set<EhcAssessment>();
    public DbSet<EhcPlan> EhcPlans => Set<EhcPlan>();
    public DbSet<EhcActivePlan> EhcActivePlans => Set<EhcActivePlan>();
    public DbSet<EhcPlacement> EhcPlacements => Set<EhcPlacement>();
    public DbSet<EhcNeed> EhcNeeds => Set<EhcNeed>();

    public DbSet<AdultCareEvent> AdultCareEvents => Set<AdultCareEvent>();

    public DbSet<ChildPlacementCost> ChildPlacementCosts => Set<ChildPlacementCost>();
    public DbSet<HealthInvolvement> HealthInvolvements => Set<HealthInvolvement>();
    public DbSet<SpreadsheetMapping> SpreadsheetMappings => Set<SpreadsheetMapping>();

    public DbSet<TransitionsCase> TransitionsCases => Set<TransitionsCase>();
    public DbSet<TransitionsCaseMove> TransitionsCaseMoves => Set<TransitionsCaseMove>();
    public DbSet<MilestoneEvidence> MilestoneEvidence => Set<MilestoneEvidence>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<CaseTask> CaseTasks => Set<CaseTask>();
    public DbSet<Panel.PanelMeeting> PanelMeetings => Set<Panel.PanelMeeting>();
    public DbSet<Panel.PanelCase> PanelCases => Set<Panel.PanelCase>();
    public DbSet<Panel.PanelAttendee> PanelAttendees => Set<Panel.PanelAttendee>();
    public DbSet<Panel.PanelActionFollowUp> PanelActionFollowUps => Set<Panel.PanelActionFollowUp>();
    public DbSet<TransitionAssessment> TransitionAssessments => Set<TransitionAssessment>();
    public DbSet<AssessedOutcome> AssessedOutcomes => Set<AssessedOutcome>();
    public DbSet<AssessmentRefusal> AssessmentRefusals => Set<AssessmentRefusal>();
    public DbSet<SupportPlan> SupportPlans => Set<SupportPlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<IndependenceStatusChange> IndependenceStatusChanges => Set<IndependenceStatusChange>();
    public DbSet<ChildrensService> ChildrensServices => Set<ChildrensService>();
    public DbSet<Handover> Handovers => Set<Handover>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportedFile> ImportedFiles => Set<ImportedFile>();
    public DbSet<ImportMessage> ImportMessages => Set<ImportMessage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Access.Team> Teams => Set<Access.Team>();
    public DbSet<Access.BreakGlassAccess> BreakGlassAccesses => Set<Access.BreakGlassAccess>();
    public DbSet<Access.HealthSharingConsent> HealthSharingConsents => Set<Access.HealthSharingConsent>();
    public DbSet<Linkage.PossibleMatch> PossibleMatches => Set<Linkage.PossibleMatch>();
    public DbSet<Linkage.LinkDecision> LinkDecisions => Set<Linkage.LinkDecision>();
    public DbSet<Insight.PseudonymKey> PseudonymKeys => Set<Insight.PseudonymKey>();
    public DbSet<DeliveryPlan.StrategyAction> StrategyActions => Set<DeliveryPlan.StrategyAction>();
    public DbSet<DeliveryPlan.ActionStatusChange> ActionStatusChanges => Set<DeliveryPlan.ActionStatusChange>();
    public DbSet<Operations.JobLease> JobLeases => Set<Operations.JobLease>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    /// <summary>The keys that protect sign-in cookies and anti-forgery tokens, shared by every web node (docs/operations.md).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// SQLite keeps dates as ISO text. Reading them through <see cref="IsoDate"/> instead of the provider's general
    /// parser halves the cost of the millions of dates the statutory clock reads; the stored text is the same.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite()) configurationBuilder.Properties<DateOnly>().HaveConversion<IsoDate>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Person>(e =>
        {
            // Person and source-record ids are allocated by the importer under its lock, so bulk paths can write them directly.
            e.Property(p => p.Id).ValueGeneratedNever();
            e.HasIndex(p => p.Reference).IsUnique();
            // By council, then date of birth: the board's measures find those who turn 15 or 18 in a period, or are of an
            // age on a day, by a range of dates of birth rather than reading every young person of a city.
            e.HasIndex(p => new { p.CouncilCode, p.DateOfBirth });
        });

        modelBuilder.Entity<SourceRecord>(e =>
        {
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => new { r.CouncilCode, r.SourceKey }).IsUnique();
            e.HasIndex(r => new { r.CouncilCode, r.Format, r.FileName });
        });

        modelBuilder.Entity<SourceIdentifier>(e =>
        {
            e.Property(i => i.Id).ValueGeneratedNever();
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(i => i.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => new { i.CouncilCode, i.Kind, i.Value });
        });

        modelBuilder.Entity<RecordLink>(e =>
        {
            e.HasKey(l => l.SourceRecordId);
            e.Property(l => l.SourceRecordId).ValueGeneratedNever();
            e.HasOne<SourceRecord>().WithOne().HasForeignKey<RecordLink>(l => l.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => l.PersonId);
        });

        Detail<ParentInCare>(modelBuilder);
        Detail<CareEpisode>(modelBuilder);
        Detail<UnaccompaniedAsylumSeeker>(modelBuilder);
        Detail<HealthOutcome>(modelBuilder);
        Detail<CareLeaverContact>(modelBuilder);
        Detail<AdoptionDecision>(modelBuilder);
        Detail<AdoptionPlacement>(modelBuilder);
        Detail<PreviousPermanence>(modelBuilder);
        Detail<MissingEpisode>(modelBuilder);
        Detail<CareReview>(modelBuilder);
        Detail<SocialWorkerEpisode>(modelBuilder);
        Detail<DeprivationOfLiberty>(modelBuilder);

        Detail<ChildDisability>(modelBuilder);
        Detail<CinReferral>(modelBuilder);
        Detail<CinAssessment>(modelBuilder, throughParent: true).HasOne<CinReferral>().WithMany().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Restrict);
        Detail<CinPlan>(modelBuilder, throughParent: true).HasOne<CinReferral>().WithMany().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Restrict);
        Detail<ChildProtectionPlan>(modelBuilder, throughParent: true).HasOne<CinReferral>().WithMany().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Restrict);

        Detail<EhcRequest>(modelBuilder);
        Detail<EhcAssessment>(modelBuilder, throughParent: true).HasOne<EhcRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Restrict);
        Detail<EhcPlan>(modelBuilder, throughParent: true).HasOne<EhcRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Restrict);
        Detail<EhcActivePlan>(modelBuilder, throughParent: true).HasOne<EhcRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Restrict);
        Detail<EhcPlacement>(modelBuilder, throughParent: true).HasOne<EhcRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Restrict);
        Detail<EhcNeed>(modelBuilder, throughParent: true).HasOne<EhcRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Restrict);

        var cldEvent = Detail<AdultCareEvent>(modelBuilder);
        cldEvent.Property(e => e.UnitCost).HasPrecision(12, 2);
        cldEvent.Property(e => e.PlannedUnitsPerWeek).HasPrecision(10, 2);
        cldEvent.Property(e => e.WeeklyCost).HasPrecision(12, 2);

        Detail<ChildPlacementCost>(modelBuilder).Property(c => c.WeeklyCost).HasPrecision(12, 2);
        Detail<HealthInvolvement>(modelBuilder);
        modelBuilder.Entity<SpreadsheetMapping>(e =>
        {
            e.HasIndex(m => new { m.CouncilCode, m.Name }).IsUnique();
            e.Property(m => m.Holds).HasConversion<string>().HasMaxLength(32);
            e.HasMany(m => m.Columns).WithOne().HasForeignKey(c => c.SpreadsheetMappingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Codes).WithOne().HasForeignKey(c => c.SpreadsheetMappingId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TransitionsCase>(e =>
        {
            e.HasIndex(c => c.PersonId).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Stage).HasConversion<string>().HasMaxLength(32);
            e.HasMany(c => c.Moves).WithOne().HasForeignKey(m => m.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Referrals).WithOne().HasForeignKey(r => r.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            // Optimistic concurrency: a save based on an older version fails instead of overwriting (CaseWork).
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<CaseEvent>(e =>
        {
            e.HasOne(h => h.Case).WithMany().HasForeignKey(h => h.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(h => new { h.TransitionsCaseId, h.Version }).IsUnique();
            e.Property(h => h.By).HasMaxLength(256);
            e.Property(h => h.What).HasMaxLength(4000);
        });
        modelBuilder.Entity<CaseTask>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(t => t.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.CouncilCode, t.Owner, t.DoneOn });
            e.Property(t => t.Description).HasMaxLength(2000);
            e.Property(t => t.Owner).HasMaxLength(256);
            e.Property(t => t.CreatedBy).HasMaxLength(256);
            e.Property(t => t.DoneBy).HasMaxLength(256);
            e.Property(t => t.DoneNote).HasMaxLength(4000);
        });
        modelBuilder.Entity<StaffMember>(e =>
        {
            e.HasIndex(s => new { s.CouncilCode, s.UserName }).IsUnique();
            e.Property(s => s.UserName).HasMaxLength(256);
            e.Property(s => s.DisplayName).HasMaxLength(256);
            e.Property(s => s.Email).HasMaxLength(320);
            e.Property(s => s.Team).HasMaxLength(200);
            e.Property(s => s.Role).HasMaxLength(64);
        });
        modelBuilder.Entity<Notification>(e =>
        {
            e.HasOne<CaseTask>().WithMany().HasForeignKey(n => n.CaseTaskId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(n => new { n.CouncilCode, n.Recipient, n.ReadAt });
            // A task's owner gets one in-app reminder a day, however many times the reminder run goes (or on how many nodes).
            e.HasIndex(n => new { n.CaseTaskId, n.ForDay }).IsUnique();
            e.Property(n => n.Recipient).HasMaxLength(256);
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(n => n.What).HasMaxLength(2000);
        });
        modelBuilder.Entity<Referral>(e =>
        {
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.CouncilCode, r.PersonId });
            e.Property(r => r.Source).HasConversion<string>().HasMaxLength(32);
            e.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Referrer).HasMaxLength(200);
            e.Property(r => r.Reason).HasMaxLength(4000);
            e.Property(r => r.RecordedBy).HasMaxLength(256);
        });
        Assessment(modelBuilder);
        PlanAndHandover(modelBuilder);
        modelBuilder.Entity<TransitionsCaseMove>(e =>
        {
            e.Property(m => m.From).HasConversion<string>().HasMaxLength(32);
            e.Property(m => m.To).HasConversion<string>().HasMaxLength(32);
            e.Property(m => m.By).HasMaxLength(256);
            e.Property(m => m.Why).HasMaxLength(4000);
        });
        modelBuilder.Entity<MilestoneEvidence>(e =>
        {
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(m => new { m.CouncilCode, m.PersonId });
            e.Property(m => m.RuleId).HasMaxLength(32);
            e.Property(m => m.Outcome).HasMaxLength(32);
        });

        Panel.PanelModel.Configure(modelBuilder);
        Access.AccessModel.Configure(modelBuilder);
        DeliveryPlan.DeliveryPlanModel.Configure(modelBuilder);

        modelBuilder.Entity<ImportBatch>(e => e.HasMany(b => b.Files).WithOne().HasForeignKey(f => f.ImportBatchId));
        modelBuilder.Entity<ImportedFile>(e => e.HasIndex(f => new { f.CouncilCode, f.Sha256 }));
        modelBuilder.Entity<ImportMessage>(e =>
        {
            e.HasOne<ImportedFile>().WithMany().HasForeignKey(m => m.ImportedFileId).OnDelete(DeleteBehavior.Cascade);
            // A file's messages in line order, for the data quality page and download (it serves the foreign key too).
            e.HasIndex(m => new { m.ImportedFileId, m.Line });
            e.Property(m => m.Rule).HasMaxLength(64);
            // The data quality page counts a council's messages by file, rule and severity, and filters them by rule: this
            // index covers both, so neither reads the messages themselves.
            e.HasIndex(m => new { m.CouncilCode, m.Rule, m.Severity, m.ImportedFileId });
        });
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.HasIndex(a => new { a.CouncilCode, a.PersonId });
            // One row per place in the chain: of two sealers racing, one wins and the other seals nothing.
            e.HasIndex(a => a.Sequence).IsUnique();
            e.Property(a => a.Hash).HasMaxLength(64);
        });
        modelBuilder.Entity<Linkage.PossibleMatch>(e =>
        {
            e.HasIndex(m => new { m.CouncilCode, m.Status });
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(m => m.RecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(m => m.OtherRecordId).OnDelete(DeleteBehavior.Restrict);
            e.Property(m => m.Status).HasMaxLength(32);
        });
        modelBuilder.Entity<Linkage.LinkDecision>(e =>
        {
            e.HasIndex(d => d.CouncilCode);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(d => d.RecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(d => d.OtherRecordId).OnDelete(DeleteBehavior.Restrict);
            e.Property(d => d.Decision).HasMaxLength(32);
        });
        // One key per council: of two nodes making it at once, one wins and the other reads it (Insight/Pseudonyms.cs).
        modelBuilder.Entity<Insight.PseudonymKey>(e => e.HasKey(k => k.CouncilCode));
        // One row per job: the key is what lets two nodes making a job's first row at once end with one (Operations/JobClaims.cs).
        modelBuilder.Entity<Operations.JobLease>(e =>
        {
            e.HasKey(l => l.Job);
            e.Property(l => l.Job).HasMaxLength(Operations.JobClaims.JobLength);
            e.Property(l => l.Holder).HasMaxLength(Operations.JobClaims.HolderLength);
        });
        // Imports from the web, shared by the web nodes (Ingest/ImportJobs.cs): nodes look for queued and running jobs by state.
        modelBuilder.Entity<ImportJob>(e =>
        {
            e.Property(j => j.Id).ValueGeneratedNever();
            e.HasIndex(j => j.State);
            e.HasIndex(j => j.CouncilCode);
            e.Property(j => j.Role).HasMaxLength(64);
            e.Property(j => j.Folder).HasMaxLength(64);
            e.Property(j => j.State).HasConversion<string>().HasMaxLength(32);
            e.Property(j => j.CancelledByRole).HasMaxLength(64);
            e.Property(j => j.Node).HasMaxLength(ImportJob.NodeLength);
            e.Property(j => j.Files).HasConversion(ImportJobColumns.Converter<IReadOnlyList<UploadedFile>>(), ImportJobColumns.Comparer<IReadOnlyList<UploadedFile>>());
            e.Property(j => j.Spreadsheet).HasConversion(ImportJobColumns.Converter<UploadedFile?>(), ImportJobColumns.Comparer<UploadedFile?>());
            e.Property(j => j.Progress).HasConversion(ImportJobColumns.Converter<ImportProgress?>(), ImportJobColumns.Comparer<ImportProgress?>());
            e.Property(j => j.Outcome).HasConversion(ImportJobColumns.Converter<ImportOutcome?>(), ImportJobColumns.Comparer<ImportOutcome?>());
            e.Ignore(j => j.CancelledBy);
            e.Ignore(j => j.AllFiles);
        });
    }

    /// <summary>The support plan, independence checklist, children's services and handover: each row belongs to a case and its person.</summary>
    private static void Assessment(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TransitionAssessment>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(a => a.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.DecisionMove).WithOne().HasForeignKey<TransitionAssessment>(a => a.DecisionMoveId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => a.PersonId);
            e.HasIndex(a => new { a.CouncilCode, a.ReviewedAt });
            e.HasMany(a => a.Outcomes).WithOne().HasForeignKey(o => o.TransitionAssessmentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.Footing).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.RulesOutcome).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.CarerName).HasMaxLength(Assessments.NameLength);
            foreach (var text in new[] { nameof(TransitionAssessment.FootingNote), nameof(TransitionAssessment.ConditionsEvidence), nameof(TransitionAssessment.DecisionReasons),
                nameof(TransitionAssessment.DepartureReason), nameof(TransitionAssessment.Advice), nameof(TransitionAssessment.ReviewNote), nameof(TransitionAssessment.SignpostedTo) })
                e.Property(text).HasMaxLength(Assessments.TextLength);
            // The engine's message quotes its reasons, which can run past one field's worth of text.
            e.Property(a => a.Contradiction).HasMaxLength(8000);
            foreach (var who in new[] { nameof(TransitionAssessment.StartedBy), nameof(TransitionAssessment.ConditionsRecordedBy), nameof(TransitionAssessment.DecidedBy), nameof(TransitionAssessment.ReviewedBy) })
                e.Property(who).HasMaxLength(256);
        });
        modelBuilder.Entity<AssessedOutcome>(e =>
        {
            // One record per outcome per assessment: a correction changes it, and the case history keeps what it was.
            e.HasIndex(o => new { o.TransitionAssessmentId, o.Outcome }).IsUnique();
            e.Property(o => o.Outcome).HasMaxLength(64);
            e.Property(o => o.Evidence).HasMaxLength(Assessments.TextLength);
            e.Property(o => o.RecordedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<AssessmentRefusal>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(r => r.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => r.PersonId);
            e.Property(r => r.Reasons).HasMaxLength(Assessments.TextLength);
            e.Property(r => r.PreventionAdvice).HasMaxLength(Assessments.TextLength);
            e.Property(r => r.RecordedBy).HasMaxLength(256);
        });
    }

    private static void PlanAndHandover(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SupportPlan>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(p => p.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
            // One plan per decision: a case decided again after reopening starts a new plan.
            e.HasOne<TransitionsCaseMove>().WithOne().HasForeignKey<SupportPlan>(p => p.DecisionMoveId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => p.PersonId);
            e.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.SupportPlanId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.YoungPersonView).HasMaxLength(Plans.ViewLength);
            e.Property(p => p.FamilyView).HasMaxLength(Plans.ViewLength);
            e.Property(p => p.StartedBy).HasMaxLength(256);
            e.Property(p => p.YoungPersonViewRecordedBy).HasMaxLength(256);
            e.Property(p => p.AgreedBy).HasMaxLength(256);
            e.Property(p => p.ChangedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<PlanGoal>(e =>
        {
            e.Property(g => g.Outcome).HasConversion<string>().HasMaxLength(48);
            e.Property(g => g.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(g => g.Aim).HasMaxLength(Plans.AimLength);
            e.Property(g => g.Help).HasMaxLength(Plans.HelpLength);
            e.Property(g => g.Who).HasMaxLength(Plans.WhoLength);
            e.Property(g => g.AddedBy).HasMaxLength(256);
            e.Property(g => g.ChangedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<IndependenceStatusChange>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(c => c.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.PersonId, c.SkillCode });
            e.Property(c => c.SkillCode).HasMaxLength(64);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.Note).HasMaxLength(2000);
            e.Property(c => c.By).HasMaxLength(256);
        });
        modelBuilder.Entity<ChildrensService>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(s => s.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => s.PersonId);
            e.Property(s => s.Description).HasMaxLength(Pathway.ChildrensServices.DescriptionLength);
            e.Property(s => s.LegalBasis).HasConversion<string>().HasMaxLength(64);
            e.Property(s => s.RecordedBy).HasMaxLength(256);
            e.Property(s => s.EndRecordedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Handover>(e =>
        {
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(h => h.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(h => h.PersonId);
            e.Property(h => h.Team).HasConversion<string>().HasMaxLength(32);
            e.Property(h => h.OtherTeam).HasMaxLength(Pathway.Handovers.NameLength);
            e.Property(h => h.AdultWorker).HasMaxLength(Pathway.Handovers.NameLength);
            e.Property(h => h.Summary).HasMaxLength(Pathway.Handovers.SummaryLength);
            e.Property(h => h.RecordedBy).HasMaxLength(256);
        });
    }

    /// <summary>
    /// A table of a source record's rows, indexed by record for the reads and the replacing on re-import. A row that
    /// belongs to a parent row (an assessment to its referral, a plan to its EHC request) gets its foreign key there
    /// (<paramref name="throughParent"/>): the parent's own key already ties it to a record that is deleted only after
    /// all of its rows (Retention), and on PostgreSQL a second key check on every row was a sixth of a national import.
    /// </summary>
    private static EntityTypeBuilder<T> Detail<T>(ModelBuilder modelBuilder, bool throughParent = false)
        where T : RecordDetail
    {
        var e = modelBuilder.Entity<T>();
        e.Property(d => d.Id).ValueGeneratedNever();
        if (!throughParent) e.HasOne<SourceRecord>().WithMany().HasForeignKey(d => d.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => d.SourceRecordId);
        return e;
    }
}

/// <summary>A date as SQLite stores it: "yyyy-MM-dd" text, parsed by hand.</summary>
public sealed class IsoDate() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateOnly, string>(
    d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s => Parse(s))
{
    public static DateOnly Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>A date straight from SQLite's UTF-8 bytes (see FactRow): no string is made.</summary>
    public static DateOnly Parse(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[Math.Min(utf8.Length, 64)];
        return Parse(chars[..System.Text.Encoding.UTF8.GetChars(utf8[..chars.Length], chars)]);
    }

    private static DateOnly Parse(ReadOnlySpan<char> text)
    {
        if (text.Length < 10 || text[4] != '-' || text[7] != '-') return DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return new DateOnly(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
    }

    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9) throw new FormatException($"'{text}' is not a yyyy-MM-dd date.");
            value = (value * 10) + digit;
        }
        return value;
    }
}

