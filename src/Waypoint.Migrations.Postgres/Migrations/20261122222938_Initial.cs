using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    Action = table.Column<string>(type: "text", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "text", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Reference = table.Column<string>(type: "text", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Forename = table.Column<string>(type: "text", nullable: true),
                    Surname = table.Column<string>(type: "text", nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Sex = table.Column<string>(type: "text", nullable: true),
                    Ethnicity = table.Column<string>(type: "text", nullable: true),
                    Postcode = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SourceRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    SourceKey = table.Column<string>(type: "text", nullable: false),
                    Format = table.Column<string>(type: "text", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    LocalKey = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    FirstBatchId = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenBatchId = table.Column<long>(type: "bigint", nullable: false),
                    Forename = table.Column<string>(type: "text", nullable: true),
                    Surname = table.Column<string>(type: "text", nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Sex = table.Column<string>(type: "text", nullable: true),
                    Ethnicity = table.Column<string>(type: "text", nullable: true),
                    Postcode = table.Column<string>(type: "text", nullable: true),
                    DateOfDeath = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportedFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    Format = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "text", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    RecordsRead = table.Column<int>(type: "integer", nullable: false),
                    Imported = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Warnings = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportedFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportedFiles_ImportBatches_ImportBatchId",
                        column: x => x.ImportBatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TransitionsCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransitionsCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransitionsCases_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AdoptionDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    DateDecided = table.Column<DateOnly>(type: "date", nullable: true),
                    DateMatched = table.Column<DateOnly>(type: "date", nullable: true),
                    FosterCare = table.Column<string>(type: "text", nullable: true),
                    NumberOfAdopters = table.Column<string>(type: "text", nullable: true),
                    SexOfAdopters = table.Column<string>(type: "text", nullable: true),
                    LegalStatusOfAdopters = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptionDecisions_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AdoptionPlacements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    DatePlaced = table.Column<DateOnly>(type: "date", nullable: true),
                    DatePlacedCeased = table.Column<DateOnly>(type: "date", nullable: true),
                    ReasonPlacedCeased = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionPlacements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptionPlacements_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AdultCareEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReportingPeriodStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportingPeriodEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    ClientType = table.Column<string>(type: "text", nullable: true),
                    PrimarySupportReason = table.Column<string>(type: "text", nullable: true),
                    AccommodationStatus = table.Column<string>(type: "text", nullable: true),
                    EmploymentStatus = table.Column<string>(type: "text", nullable: true),
                    HasUnpaidCarer = table.Column<string>(type: "text", nullable: true),
                    ClientFundingStatus = table.Column<string>(type: "text", nullable: true),
                    EventType = table.Column<string>(type: "text", nullable: false),
                    EventReference = table.Column<string>(type: "text", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EventDescription = table.Column<string>(type: "text", nullable: true),
                    EventOutcome = table.Column<string>(type: "text", nullable: true),
                    RouteOfAccess = table.Column<string>(type: "text", nullable: true),
                    AssessmentType = table.Column<string>(type: "text", nullable: true),
                    EligibleNeedsIdentified = table.Column<string>(type: "text", nullable: true),
                    MethodOfAssessment = table.Column<string>(type: "text", nullable: true),
                    ServiceType = table.Column<string>(type: "text", nullable: true),
                    ServiceComponent = table.Column<string>(type: "text", nullable: true),
                    DeliveryMechanism = table.Column<string>(type: "text", nullable: true),
                    ProviderLocationId = table.Column<string>(type: "text", nullable: true),
                    ReviewReason = table.Column<string>(type: "text", nullable: true),
                    ReviewOutcomesAchieved = table.Column<string>(type: "text", nullable: true),
                    UnitCost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    CostFrequency = table.Column<string>(type: "text", nullable: true),
                    PlannedUnitsPerWeek = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    WeeklyCost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdultCareEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdultCareEvents_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareEpisodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReasonForNewEpisode = table.Column<string>(type: "text", nullable: true),
                    LegalStatus = table.Column<string>(type: "text", nullable: true),
                    CategoryOfNeed = table.Column<string>(type: "text", nullable: true),
                    Placement = table.Column<string>(type: "text", nullable: true),
                    PlacementProvider = table.Column<string>(type: "text", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReasonEpisodeCeased = table.Column<string>(type: "text", nullable: true),
                    ReasonPlaceChange = table.Column<string>(type: "text", nullable: true),
                    HomePostcode = table.Column<string>(type: "text", nullable: true),
                    PlacementPostcode = table.Column<string>(type: "text", nullable: true),
                    Urn = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareEpisodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareEpisodes_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareLeaverContacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    InTouch = table.Column<string>(type: "text", nullable: true),
                    Activity = table.Column<string>(type: "text", nullable: true),
                    Accommodation = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareLeaverContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareLeaverContacts_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReviewDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ParticipationCode = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareReviews_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChildDisabilities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildDisabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildDisabilities_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CinReferrals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReferralDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReferralSource = table.Column<string>(type: "text", nullable: true),
                    PrimaryNeedCode = table.Column<string>(type: "text", nullable: true),
                    ClosureDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReasonForClosure = table.Column<string>(type: "text", nullable: true),
                    DateOfInitialCpc = table.Column<DateOnly>(type: "date", nullable: true),
                    ReferralNfa = table.Column<bool>(type: "boolean", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CinReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CinReferrals_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeprivationsOfLiberty",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeprivationsOfLiberty", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeprivationsOfLiberty_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EhcRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RequestSource = table.Column<string>(type: "text", nullable: true),
                    Rya = table.Column<string>(type: "text", nullable: true),
                    OutcomeDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EhcRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EhcRequests_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HealthOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    SdqScore = table.Column<string>(type: "text", nullable: true),
                    SdqReason = table.Column<string>(type: "text", nullable: true),
                    Convicted = table.Column<string>(type: "text", nullable: true),
                    HealthCheck = table.Column<string>(type: "text", nullable: true),
                    Immunisations = table.Column<string>(type: "text", nullable: true),
                    TeethCheck = table.Column<string>(type: "text", nullable: true),
                    HealthAssessment = table.Column<string>(type: "text", nullable: true),
                    SubstanceMisuse = table.Column<string>(type: "text", nullable: true),
                    InterventionReceived = table.Column<string>(type: "text", nullable: true),
                    InterventionOffered = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthOutcomes_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MissingEpisodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MissingEpisodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MissingEpisodes_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ParentsInCare",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Mother = table.Column<string>(type: "text", nullable: true),
                    ChildDateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParentsInCare", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParentsInCare_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreviousPermanences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PreviousPermanenceCode = table.Column<string>(type: "text", nullable: true),
                    CouncilOfOrder = table.Column<string>(type: "text", nullable: true),
                    DateOfOrder = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreviousPermanences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreviousPermanences_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordLinks",
                columns: table => new
                {
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Method = table.Column<string>(type: "text", nullable: false),
                    LinkedInBatchId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordLinks", x => x.SourceRecordId);
                    table.ForeignKey(
                        name: "FK_RecordLinks_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordLinks_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialWorkerEpisodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    SocialWorkerId = table.Column<string>(type: "text", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReasonForChange = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialWorkerEpisodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialWorkerEpisodes_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SourceIdentifiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    IsValid = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceIdentifiers_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnaccompaniedAsylumSeekers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    DateStatusCeases = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnaccompaniedAsylumSeekers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnaccompaniedAsylumSeekers_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImportMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportedFileId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "text", nullable: false),
                    Severity = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportMessages_ImportedFiles_ImportedFileId",
                        column: x => x.ImportedFileId,
                        principalTable: "ImportedFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChildProtectionPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReferralId = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    InitialCategoryOfAbuse = table.Column<string>(type: "text", nullable: true),
                    LatestCategoryOfAbuse = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildProtectionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildProtectionPlans_CinReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "CinReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChildProtectionPlans_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CinAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReferralId = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    InternalReviewDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AuthorisationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Factors = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CinAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CinAssessments_CinReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "CinReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CinAssessments_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CinPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    ReferralId = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CinPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CinPlans_CinReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "CinReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CinPlans_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EhcActivePlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    TransferLa = table.Column<string>(type: "text", nullable: true),
                    ReviewMeeting = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewOutcome = table.Column<string>(type: "text", nullable: true),
                    LastReview = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EhcActivePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EhcActivePlans_EhcRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "EhcRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EhcActivePlans_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EhcAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    OutcomeDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Week20 = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EhcAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EhcAssessments_EhcRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "EhcRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EhcAssessments_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EhcNeeds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    SenType = table.Column<string>(type: "text", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EhcNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EhcNeeds_EhcRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "EhcRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EhcNeeds_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EhcPlacements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Urn = table.Column<string>(type: "text", nullable: true),
                    Ukprn = table.Column<string>(type: "text", nullable: true),
                    SenSetting = table.Column<string>(type: "text", nullable: true),
                    PlacementRank = table.Column<string>(type: "text", nullable: true),
                    EntryDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LeavingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EhcPlacements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EhcPlacements_EhcRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "EhcRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EhcPlacements_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EhcPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    AssessmentId = table.Column<long>(type: "bigint", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PlanResidence = table.Column<string>(type: "text", nullable: true),
                    CeaseDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CeaseReason = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EhcPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EhcPlans_EhcRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "EhcRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EhcPlans_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionDecisions_SourceRecordId",
                table: "AdoptionDecisions",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionPlacements_SourceRecordId",
                table: "AdoptionPlacements",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_AdultCareEvents_SourceRecordId",
                table: "AdultCareEvents",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_CouncilCode_PersonId",
                table: "AuditEvents",
                columns: new[] { "CouncilCode", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_CareEpisodes_SourceRecordId",
                table: "CareEpisodes",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_CareLeaverContacts_SourceRecordId",
                table: "CareLeaverContacts",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_CareReviews_SourceRecordId",
                table: "CareReviews",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildDisabilities_SourceRecordId",
                table: "ChildDisabilities",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildProtectionPlans_ReferralId",
                table: "ChildProtectionPlans",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildProtectionPlans_SourceRecordId",
                table: "ChildProtectionPlans",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_CinAssessments_ReferralId",
                table: "CinAssessments",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CinAssessments_SourceRecordId",
                table: "CinAssessments",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_CinPlans_ReferralId",
                table: "CinPlans",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CinPlans_SourceRecordId",
                table: "CinPlans",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_CinReferrals_SourceRecordId",
                table: "CinReferrals",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_DeprivationsOfLiberty_SourceRecordId",
                table: "DeprivationsOfLiberty",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcActivePlans_RequestId",
                table: "EhcActivePlans",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcActivePlans_SourceRecordId",
                table: "EhcActivePlans",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcAssessments_RequestId",
                table: "EhcAssessments",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcAssessments_SourceRecordId",
                table: "EhcAssessments",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcNeeds_RequestId",
                table: "EhcNeeds",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcNeeds_SourceRecordId",
                table: "EhcNeeds",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcPlacements_RequestId",
                table: "EhcPlacements",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcPlacements_SourceRecordId",
                table: "EhcPlacements",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcPlans_RequestId",
                table: "EhcPlans",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcPlans_SourceRecordId",
                table: "EhcPlans",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_EhcRequests_SourceRecordId",
                table: "EhcRequests",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_HealthOutcomes_SourceRecordId",
                table: "HealthOutcomes",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMessages_ImportedFileId",
                table: "ImportMessages",
                column: "ImportedFileId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportedFiles_CouncilCode_Sha256",
                table: "ImportedFiles",
                columns: new[] { "CouncilCode", "Sha256" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportedFiles_ImportBatchId",
                table: "ImportedFiles",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_SourceRecordId",
                table: "MissingEpisodes",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ParentsInCare_SourceRecordId",
                table: "ParentsInCare",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_People_CouncilCode",
                table: "People",
                column: "CouncilCode");

            migrationBuilder.CreateIndex(
                name: "IX_People_Reference",
                table: "People",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreviousPermanences_SourceRecordId",
                table: "PreviousPermanences",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordLinks_PersonId",
                table: "RecordLinks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialWorkerEpisodes_SourceRecordId",
                table: "SocialWorkerEpisodes",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentifiers_CouncilCode_Kind_Value",
                table: "SourceIdentifiers",
                columns: new[] { "CouncilCode", "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentifiers_SourceRecordId",
                table: "SourceIdentifiers",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceRecords_CouncilCode_Format_FileName",
                table: "SourceRecords",
                columns: new[] { "CouncilCode", "Format", "FileName" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceRecords_CouncilCode_SourceKey",
                table: "SourceRecords",
                columns: new[] { "CouncilCode", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransitionsCases_PersonId",
                table: "TransitionsCases",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnaccompaniedAsylumSeekers_SourceRecordId",
                table: "UnaccompaniedAsylumSeekers",
                column: "SourceRecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdoptionDecisions");

            migrationBuilder.DropTable(
                name: "AdoptionPlacements");

            migrationBuilder.DropTable(
                name: "AdultCareEvents");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "CareEpisodes");

            migrationBuilder.DropTable(
                name: "CareLeaverContacts");

            migrationBuilder.DropTable(
                name: "CareReviews");

            migrationBuilder.DropTable(
                name: "ChildDisabilities");

            migrationBuilder.DropTable(
                name: "ChildProtectionPlans");

            migrationBuilder.DropTable(
                name: "CinAssessments");

            migrationBuilder.DropTable(
                name: "CinPlans");

            migrationBuilder.DropTable(
                name: "DeprivationsOfLiberty");

            migrationBuilder.DropTable(
                name: "EhcActivePlans");

            migrationBuilder.DropTable(
                name: "EhcAssessments");

            migrationBuilder.DropTable(
                name: "EhcNeeds");

            migrationBuilder.DropTable(
                name: "EhcPlacements");

            migrationBuilder.DropTable(
                name: "EhcPlans");

            migrationBuilder.DropTable(
                name: "HealthOutcomes");

            migrationBuilder.DropTable(
                name: "ImportMessages");

            migrationBuilder.DropTable(
                name: "MissingEpisodes");

            migrationBuilder.DropTable(
                name: "ParentsInCare");

            migrationBuilder.DropTable(
                name: "PreviousPermanences");

            migrationBuilder.DropTable(
                name: "RecordLinks");

            migrationBuilder.DropTable(
                name: "SocialWorkerEpisodes");

            migrationBuilder.DropTable(
                name: "SourceIdentifiers");

            migrationBuilder.DropTable(
                name: "TransitionsCases");

            migrationBuilder.DropTable(
                name: "UnaccompaniedAsylumSeekers");

            migrationBuilder.DropTable(
                name: "CinReferrals");

            migrationBuilder.DropTable(
                name: "EhcRequests");

            migrationBuilder.DropTable(
                name: "ImportedFiles");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "SourceRecords");

            migrationBuilder.DropTable(
                name: "ImportBatches");
        }
    }
}
