using Microsoft.EntityFrameworkCore;

namespace Waypoint.Core.DeliveryPlan;

/// <summary>The delivery plan's tables, configured here so that WaypointDbContext only calls <see cref="Configure"/>.</summary>
internal static class DeliveryPlanModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StrategyAction>(e =>
        {
            // The council's own reference names an action once: re-importing the plan updates it in place.
            e.HasIndex(a => new { a.CouncilCode, a.Reference }).IsUnique();
            e.Property(a => a.Reference).HasMaxLength(DeliveryPlans.ReferenceLength);
            e.Property(a => a.Action).HasMaxLength(DeliveryPlans.ActionLength);
            e.Property(a => a.Owner).HasMaxLength(DeliveryPlans.ShortTextLength);
            e.Property(a => a.Timescale).HasMaxLength(DeliveryPlans.ShortTextLength);
            e.Property(a => a.Resources).HasMaxLength(DeliveryPlans.TextLength);
            e.Property(a => a.CriticalMessages).HasMaxLength(DeliveryPlans.TextLength);
            e.Property(a => a.QualityMeasure).HasMaxLength(DeliveryPlans.TextLength);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.ChangedBy).HasMaxLength(256);
            // Optimistic concurrency: a save based on an older version fails instead of overwriting (DeliveryPlans).
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasMany(a => a.History).WithOne().HasForeignKey(c => c.StrategyActionId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ActionStatusChange>(e =>
        {
            // One entry per version: of two saves racing from one version, the second is refused here too.
            e.HasIndex(c => new { c.StrategyActionId, c.Version }).IsUnique();
            e.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Note).HasMaxLength(DeliveryPlans.NoteLength);
            e.Property(c => c.By).HasMaxLength(256);
        });
    }
}
