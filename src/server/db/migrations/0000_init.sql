CREATE TYPE "public"."annotation_type" AS ENUM('RECTANGLE', 'ELLIPSE', 'ARROW', 'FREEHAND', 'TEXT', 'PIN', 'SCREENSHOT');--> statement-breakpoint
CREATE TYPE "public"."approval_decision" AS ENUM('APPROVED', 'CHANGES_REQUESTED');--> statement-breakpoint
CREATE TYPE "public"."approval_type" AS ENUM('NONE', 'SIMPLE', 'FORMAL');--> statement-breakpoint
CREATE TYPE "public"."assignment_role" AS ENUM('LEAD', 'SUPPORT');--> statement-breakpoint
CREATE TYPE "public"."box_inbound_status" AS ENUM('MATCHED', 'UNMATCHED', 'ERROR');--> statement-breakpoint
CREATE TYPE "public"."box_push_status" AS ENUM('PENDING', 'SUCCESS', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."brief_status" AS ENUM('PENDING', 'REVIEWING', 'ACCEPTED', 'REJECTED', 'CONVERTED', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "public"."comment_visibility" AS ENUM('INTERNAL', 'CLIENT');--> statement-breakpoint
CREATE TYPE "public"."custom_field_entity" AS ENUM('PROJECT', 'DELIVERABLE');--> statement-breakpoint
CREATE TYPE "public"."custom_field_type" AS ENUM('TEXT', 'NUMBER', 'DATE', 'SELECT', 'BOOLEAN');--> statement-breakpoint
CREATE TYPE "public"."deliverable_status" AS ENUM('NOT_STARTED', 'IN_PROGRESS', 'IN_REVIEW', 'APPROVED', 'ON_HOLD');--> statement-breakpoint
CREATE TYPE "public"."execution_status" AS ENUM('SUCCESS', 'PARTIAL_FAILURE', 'FAILURE');--> statement-breakpoint
CREATE TYPE "public"."feedback_status" AS ENUM('OPEN', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED', 'REOPENED');--> statement-breakpoint
CREATE TYPE "public"."inbound_outcome" AS ENUM('REVISION', 'HELD', 'UNMATCHED', 'ERROR');--> statement-breakpoint
CREATE TYPE "public"."inbound_source" AS ENUM('MANUAL', 'API', 'BOX');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('ASSIGNMENT', 'STATUS_CHANGE', 'REVISION_SUBMITTED', 'REVISION_FEEDBACK', 'COMMENT', 'DEADLINE_APPROACHING', 'DEADLINE_OVERDUE', 'STAGE_UNBLOCKED', 'BOX_UNMATCHED_FILE', 'NEW_FILE_AWAITING_REVIEWER');--> statement-breakpoint
CREATE TYPE "public"."permission" AS ENUM('PROJECT_CREATE', 'PROJECT_UPDATE', 'PROJECT_DELETE', 'PROJECT_VIEW', 'DELIVERABLE_VIEW', 'DELIVERABLE_CREATE', 'DELIVERABLE_UPDATE', 'DELIVERABLE_DELETE', 'STAGE_VIEW', 'STAGE_UPDATE', 'STAGE_UPDATE_STATUS', 'STAGE_ASSIGN', 'STAGE_SCHEDULE', 'REVISION_CREATE', 'REVISION_UPDATE', 'REVISION_REVIEW', 'COMMENT_CREATE', 'COMMENT_DELETE', 'COMMENT_DELETE_ANY', 'PIPELINE_MANAGE', 'USER_MANAGE', 'ROLE_MANAGE', 'ORG_SETTINGS', 'AUTOMATION_MANAGE', 'FIELD_CUSTOMIZE', 'CLIENT_TEAM_MANAGE', 'POD_MANAGE', 'REVISION_SEND', 'INBOUND_MANAGE', 'API_KEY_MANAGE', 'BRIEF_MANAGE', 'REVIEW_SESSION_MANAGE', 'INTEGRATION_MANAGE');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'URGENT');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('PIPELINE', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELED', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "public"."review_session_status" AS ENUM('DRAFT', 'IN_PROGRESS', 'COMPLETED');--> statement-breakpoint
CREATE TYPE "public"."revision_status" AS ENUM('SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER');--> statement-breakpoint
CREATE TYPE "public"."skill_level" AS ENUM('JUNIOR', 'INTERMEDIATE', 'SENIOR', 'LEAD');--> statement-breakpoint
CREATE TYPE "public"."stage_status" AS ENUM('BLOCKED', 'NOT_STARTED', 'IN_PROGRESS', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'DELIVERED', 'SKIPPED');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp (3) with time zone,
	"refresh_token_expires_at" timestamp (3) with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_provider_id_account_id_unique" UNIQUE("provider_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	CONSTRAINT "sessions_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"role" "role" DEFAULT 'ARTIST' NOT NULL,
	"department" text,
	"max_capacity" integer DEFAULT 5 NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp (3) with time zone,
	"is_external" boolean DEFAULT false NOT NULL,
	"organization_id" text NOT NULL,
	"home_pod_id" text,
	"disabled_at" timestamp (3) with time zone,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp (3) with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_team_memberships" (
	"user_id" text NOT NULL,
	"client_team_id" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_team_memberships_user_id_client_team_id_pk" PRIMARY KEY("user_id","client_team_id")
);
--> statement-breakpoint
CREATE TABLE "client_teams" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_teams_organization_id_slug_unique" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"role" "role" DEFAULT 'ARTIST' NOT NULL,
	"organization_id" text NOT NULL,
	"invited_by_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"client_team_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_email_organization_id_unique" UNIQUE("email","organization_id")
);
--> statement-breakpoint
CREATE TABLE "org_role_permissions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"role" "role" NOT NULL,
	"permission" "permission" NOT NULL,
	CONSTRAINT "org_role_permissions_org_role_permission_unique" UNIQUE("organization_id","role","permission")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_domain_unique" UNIQUE("domain")
);
--> statement-breakpoint
CREATE TABLE "pods" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"lead_user_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pods_organization_id_slug_unique" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stage_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"pipeline_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"order" integer NOT NULL,
	"is_critical_gate" boolean DEFAULT false NOT NULL,
	"is_optional" boolean DEFAULT false NOT NULL,
	"description" text,
	"estimated_days" double precision,
	"color" text,
	"custom_statuses" jsonb,
	"approval_type" "approval_type" DEFAULT 'NONE' NOT NULL,
	CONSTRAINT "pipeline_stage_definitions_pipeline_id_slug_unique" UNIQUE("pipeline_id","slug"),
	CONSTRAINT "pipeline_stage_definitions_pipeline_id_order_unique" UNIQUE("pipeline_id","order")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stage_dependencies" (
	"id" text PRIMARY KEY NOT NULL,
	"stage_id" text NOT NULL,
	"prerequisite_id" text NOT NULL,
	CONSTRAINT "pipeline_stage_dependencies_stage_id_prerequisite_id_unique" UNIQUE("stage_id","prerequisite_id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stage_reworks" (
	"id" text PRIMARY KEY NOT NULL,
	"from_stage_id" text NOT NULL,
	"to_stage_id" text NOT NULL,
	CONSTRAINT "pipeline_stage_reworks_from_stage_id_to_stage_id_unique" UNIQUE("from_stage_id","to_stage_id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"organization_id" text NOT NULL,
	"is_archived" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"inbound_filename_regex" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipeline_templates_organization_id_name_unique" UNIQUE("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "briefs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"external_id" text,
	"requestor_name" text,
	"requestor_email" text,
	"status" "brief_status" DEFAULT 'PENDING' NOT NULL,
	"priority" "priority" DEFAULT 'MEDIUM' NOT NULL,
	"requested_due_date" timestamp (3) with time zone,
	"client_team_id" text,
	"converted_project_id" text,
	"raw_payload" jsonb,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefs_organization_id_external_id_unique" UNIQUE("organization_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "custom_field_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entity_type" "custom_field_entity" NOT NULL,
	"field_name" text NOT NULL,
	"field_type" "custom_field_type" NOT NULL,
	"field_options" jsonb,
	"is_required" boolean DEFAULT false NOT NULL,
	"order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_field_definitions_org_entity_type_field_name_unique" UNIQUE("organization_id","entity_type","field_name")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"project_code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" "project_status" DEFAULT 'ACTIVE' NOT NULL,
	"priority" "priority" DEFAULT 'MEDIUM' NOT NULL,
	"start_date" timestamp (3) with time zone,
	"due_date" timestamp (3) with time zone,
	"business_unit" text,
	"form_factor" text,
	"code_name" text,
	"npi_or_refresh" text,
	"quarter" text,
	"requestor" text,
	"requestor_user_id" text,
	"workfront_id" text,
	"omg_code" text,
	"bmt_id" text,
	"estimated_cost" double precision,
	"actual_cost" double precision,
	"agency" text,
	"omg_job_number" text,
	"custom_fields" jsonb,
	"organization_id" text NOT NULL,
	"client_team_id" text,
	"pipeline_template_id" text,
	"box_folder_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_organization_id_project_code_unique" UNIQUE("organization_id","project_code"),
	CONSTRAINT "projects_organization_id_omg_job_number_unique" UNIQUE("organization_id","omg_job_number")
);
--> statement-breakpoint
CREATE TABLE "deliverable_attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deliverable_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"mime_type" text,
	"file_size" integer,
	"thumbnail_url" text,
	"stage_definition_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliverable_stages" (
	"id" text PRIMARY KEY NOT NULL,
	"status" "stage_status" DEFAULT 'BLOCKED' NOT NULL,
	"revision_round" integer DEFAULT 0 NOT NULL,
	"start_date" timestamp (3) with time zone,
	"completed_date" timestamp (3) with time zone,
	"due_date" timestamp (3) with time zone,
	"notes" text,
	"sub_status" text,
	"manual_schedule" boolean DEFAULT false NOT NULL,
	"schedule_conflict" boolean DEFAULT false NOT NULL,
	"schedule_delta" integer,
	"deliverable_id" text NOT NULL,
	"stage_definition_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliverable_stages_deliverable_id_stage_definition_id_unique" UNIQUE("deliverable_id","stage_definition_id")
);
--> statement-breakpoint
CREATE TABLE "deliverables" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" "deliverable_status" DEFAULT 'NOT_STARTED' NOT NULL,
	"is_on_hold" boolean DEFAULT false NOT NULL,
	"priority" "priority" DEFAULT 'MEDIUM' NOT NULL,
	"due_date" timestamp (3) with time zone,
	"notes" text,
	"cmf_sku" text,
	"asset_count" integer,
	"requested_due_date" timestamp (3) with time zone,
	"planned_delivery_date" timestamp (3) with time zone,
	"actual_delivery_date" timestamp (3) with time zone,
	"wf_input_date" timestamp (3) with time zone,
	"custom_fields" jsonb,
	"project_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"box_alias_slug" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"role" "assignment_role" DEFAULT 'LEAD',
	"deliverable_stage_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_assignments_deliverable_stage_id_user_id_unique" UNIQUE("deliverable_stage_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "status_history" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"actor_user_id" text,
	"actor_api_key_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holding_pen_files" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deliverable_id" text NOT NULL,
	"suggested_stage_id" text,
	"file_name" text NOT NULL,
	"asset" jsonb NOT NULL,
	"source" "inbound_source" NOT NULL,
	"parsed_omg_number" text,
	"parsed_slug" text,
	"parsed_version" integer,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"status" "revision_status" DEFAULT 'SUBMITTED' NOT NULL,
	"feedback_notes" text,
	"internal_notes" text,
	"major" integer DEFAULT 0 NOT NULL,
	"minor" integer DEFAULT 1 NOT NULL,
	"sent_to_client" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"asset" jsonb,
	"deliverable_stage_id" text NOT NULL,
	"box_folder_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revisions_deliverable_stage_id_major_minor_unique" UNIQUE("deliverable_stage_id","major","minor")
);
--> statement-breakpoint
CREATE TABLE "annotations" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"comment_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"type" "annotation_type" NOT NULL,
	"data" jsonb NOT NULL,
	"image_x" double precision NOT NULL,
	"image_y" double precision NOT NULL,
	"timestamp_seconds" double precision,
	"frame_thumbnail_url" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deliverable_stage_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"decision" "approval_decision" NOT NULL,
	"note" text,
	"decided_by_id" text NOT NULL,
	"is_client_decision" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"content" text NOT NULL,
	"deliverable_stage_id" text NOT NULL,
	"revision_id" text,
	"author_id" text NOT NULL,
	"parent_id" text,
	"visibility" "comment_visibility" DEFAULT 'INTERNAL' NOT NULL,
	"released_at" timestamp (3) with time zone,
	"released_by_id" text,
	"edited_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deliverable_stage_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"annotation_id" text,
	"comment_id" text,
	"summary" text NOT NULL,
	"is_action_item" boolean DEFAULT true NOT NULL,
	"status" "feedback_status" DEFAULT 'OPEN' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"assigned_to_id" text,
	"created_by_id" text NOT NULL,
	"resolved_by_id" text,
	"resolved_at" timestamp (3) with time zone,
	"resolution_note" text,
	"verified_by_id" text,
	"verified_at" timestamp (3) with time zone,
	"carried_from_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_session_items" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"deliverable_stage_id" text NOT NULL,
	"revision_id" text,
	"sort_order" integer NOT NULL,
	"decision" text,
	"decision_note" text,
	"decided_by_id" text,
	"decided_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "review_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" "review_session_status" DEFAULT 'DRAFT' NOT NULL,
	"created_by_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"event" text NOT NULL,
	"conditions" jsonb,
	"channels" jsonb NOT NULL,
	"recipient_roles" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"type" "notification_type" NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"link" text,
	"is_read" boolean DEFAULT false NOT NULL,
	"read_at" timestamp (3) with time zone,
	"entity_type" text,
	"entity_id" text,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_emails" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"sent_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"date" date NOT NULL,
	"job_number" text NOT NULL,
	"hours" double precision NOT NULL,
	"note" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skills_organization_id_name_unique" UNIQUE("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "stage_skill_requirements" (
	"stage_definition_id" text NOT NULL,
	"skill_id" text NOT NULL,
	"importance" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "stage_skill_requirements_stage_definition_id_skill_id_pk" PRIMARY KEY("stage_definition_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "user_skills" (
	"user_id" text NOT NULL,
	"skill_id" text NOT NULL,
	"level" "skill_level" DEFAULT 'INTERMEDIATE' NOT NULL,
	CONSTRAINT "user_skills_user_id_skill_id_pk" PRIMARY KEY("user_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "automation_executions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"triggered_by" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"status" "execution_status" NOT NULL,
	"error" text,
	"executed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"organization_id" text NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"trigger" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" DEFAULT 'PRODUCER' NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by_id" text NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "box_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"enterprise_id" text,
	"developer_token" text,
	"api_base_url" text,
	"upload_base_url" text,
	"root_folder_id" text NOT NULL,
	"webhook_primary_key" text NOT NULL,
	"webhook_secondary_key" text,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "box_push_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deliverable_id" text NOT NULL,
	"revision_id" text,
	"box_folder_id" text,
	"status" "box_push_status" DEFAULT 'PENDING' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"error" text,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "box_webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "box_webhook_events_connection_id_event_id_unique" UNIQUE("connection_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_records" (
	"organization_id" text NOT NULL,
	"key_holder" text NOT NULL,
	"route" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_body" jsonb,
	"status_code" integer,
	"state" text DEFAULT 'IN_FLIGHT' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_records_pkey" PRIMARY KEY("organization_id","key_holder","route","key")
);
--> statement-breakpoint
CREATE TABLE "inbound_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"channel" "inbound_source" NOT NULL,
	"file_name" text NOT NULL,
	"box_file_id" text,
	"outcome" "inbound_outcome" NOT NULL,
	"box_status" "box_inbound_status",
	"matched_project_id" text,
	"matched_deliverable_id" text,
	"revision_id" text,
	"holding_pen_file_id" text,
	"reason" text,
	"error" text,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'BRIEFS' NOT NULL,
	"secret" text NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"role" text NOT NULL,
	"content" text NOT NULL,
	"tool_calls" jsonb,
	"tool_results" jsonb,
	"metadata" jsonb,
	"user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"query" text NOT NULL,
	"result_count" integer DEFAULT 0 NOT NULL,
	"clicked_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_home_pod_id_pods_id_fk" FOREIGN KEY ("home_pod_id") REFERENCES "public"."pods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_team_memberships" ADD CONSTRAINT "client_team_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_team_memberships" ADD CONSTRAINT "client_team_memberships_client_team_id_client_teams_id_fk" FOREIGN KEY ("client_team_id") REFERENCES "public"."client_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_teams" ADD CONSTRAINT "client_teams_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_role_permissions" ADD CONSTRAINT "org_role_permissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pods" ADD CONSTRAINT "pods_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pods" ADD CONSTRAINT "pods_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_definitions" ADD CONSTRAINT "pipeline_stage_definitions_pipeline_id_pipeline_templates_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipeline_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_dependencies" ADD CONSTRAINT "pipeline_stage_dependencies_stage_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_dependencies" ADD CONSTRAINT "pipeline_stage_dependencies_prerequisite_id_fk" FOREIGN KEY ("prerequisite_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_reworks" ADD CONSTRAINT "pipeline_stage_reworks_from_stage_id_fk" FOREIGN KEY ("from_stage_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_reworks" ADD CONSTRAINT "pipeline_stage_reworks_to_stage_id_fk" FOREIGN KEY ("to_stage_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_templates" ADD CONSTRAINT "pipeline_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_client_team_id_client_teams_id_fk" FOREIGN KEY ("client_team_id") REFERENCES "public"."client_teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_converted_project_id_projects_id_fk" FOREIGN KEY ("converted_project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_field_definitions" ADD CONSTRAINT "custom_field_definitions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_requestor_user_id_users_id_fk" FOREIGN KEY ("requestor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_client_team_id_client_teams_id_fk" FOREIGN KEY ("client_team_id") REFERENCES "public"."client_teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_pipeline_template_id_pipeline_templates_id_fk" FOREIGN KEY ("pipeline_template_id") REFERENCES "public"."pipeline_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_attachments" ADD CONSTRAINT "deliverable_attachments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_attachments" ADD CONSTRAINT "deliverable_attachments_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_attachments" ADD CONSTRAINT "deliverable_attachments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_attachments" ADD CONSTRAINT "deliverable_attachments_stage_definition_id_fk" FOREIGN KEY ("stage_definition_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_stages" ADD CONSTRAINT "deliverable_stages_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_stages" ADD CONSTRAINT "deliverable_stages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_stages" ADD CONSTRAINT "deliverable_stages_stage_definition_id_fk" FOREIGN KEY ("stage_definition_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_assignments" ADD CONSTRAINT "stage_assignments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_assignments" ADD CONSTRAINT "stage_assignments_deliverable_stage_id_deliverable_stages_id_fk" FOREIGN KEY ("deliverable_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_assignments" ADD CONSTRAINT "stage_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_actor_api_key_id_api_keys_id_fk" FOREIGN KEY ("actor_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holding_pen_files" ADD CONSTRAINT "holding_pen_files_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holding_pen_files" ADD CONSTRAINT "holding_pen_files_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holding_pen_files" ADD CONSTRAINT "holding_pen_files_suggested_stage_id_deliverable_stages_id_fk" FOREIGN KEY ("suggested_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_deliverable_stage_id_deliverable_stages_id_fk" FOREIGN KEY ("deliverable_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_deliverable_stage_id_fk" FOREIGN KEY ("deliverable_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_deliverable_stage_id_deliverable_stages_id_fk" FOREIGN KEY ("deliverable_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_released_by_id_users_id_fk" FOREIGN KEY ("released_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_deliverable_stage_id_deliverable_stages_id_fk" FOREIGN KEY ("deliverable_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_annotation_id_annotations_id_fk" FOREIGN KEY ("annotation_id") REFERENCES "public"."annotations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_assigned_to_id_users_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_verified_by_id_users_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_carried_from_id_feedback_items_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."feedback_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_session_items" ADD CONSTRAINT "review_session_items_session_id_review_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."review_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_session_items" ADD CONSTRAINT "review_session_items_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_session_items" ADD CONSTRAINT "review_session_items_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_session_items" ADD CONSTRAINT "review_session_items_deliverable_stage_id_fk" FOREIGN KEY ("deliverable_stage_id") REFERENCES "public"."deliverable_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD CONSTRAINT "outbox_emails_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_bookings" ADD CONSTRAINT "resource_bookings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_bookings" ADD CONSTRAINT "resource_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_bookings" ADD CONSTRAINT "resource_bookings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_skill_requirements" ADD CONSTRAINT "stage_skill_requirements_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_skill_requirements" ADD CONSTRAINT "stage_skill_requirements_stage_definition_id_fk" FOREIGN KEY ("stage_definition_id") REFERENCES "public"."pipeline_stage_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_skills" ADD CONSTRAINT "user_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_skills" ADD CONSTRAINT "user_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_executions" ADD CONSTRAINT "automation_executions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_executions" ADD CONSTRAINT "automation_executions_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_connections" ADD CONSTRAINT "box_connections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_push_logs" ADD CONSTRAINT "box_push_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_push_logs" ADD CONSTRAINT "box_push_logs_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_push_logs" ADD CONSTRAINT "box_push_logs_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD CONSTRAINT "box_webhook_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD CONSTRAINT "box_webhook_events_connection_id_box_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."box_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_records" ADD CONSTRAINT "idempotency_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_logs" ADD CONSTRAINT "inbound_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_logs" ADD CONSTRAINT "inbound_logs_matched_project_id_projects_id_fk" FOREIGN KEY ("matched_project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_logs" ADD CONSTRAINT "inbound_logs_matched_deliverable_id_deliverables_id_fk" FOREIGN KEY ("matched_deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_logs" ADD CONSTRAINT "inbound_logs_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_logs" ADD CONSTRAINT "inbound_logs_holding_pen_file_id_holding_pen_files_id_fk" FOREIGN KEY ("holding_pen_file_id") REFERENCES "public"."holding_pen_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_logs" ADD CONSTRAINT "search_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_logs" ADD CONSTRAINT "search_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_id_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "login_attempts_key_created_at_idx" ON "login_attempts" USING btree ("key","created_at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_home_pod_id_idx" ON "users" USING btree ("home_pod_id");--> statement-breakpoint
CREATE INDEX "users_is_external_idx" ON "users" USING btree ("is_external");--> statement-breakpoint
CREATE INDEX "users_organization_id_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "verifications_identifier_idx" ON "verifications" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "client_team_memberships_client_team_id_idx" ON "client_team_memberships" USING btree ("client_team_id");--> statement-breakpoint
CREATE INDEX "client_teams_organization_id_idx" ON "client_teams" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "invitations_organization_id_idx" ON "invitations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "invitations_invited_by_id_idx" ON "invitations" USING btree ("invited_by_id");--> statement-breakpoint
CREATE INDEX "org_role_permissions_organization_id_idx" ON "org_role_permissions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "pods_organization_id_idx" ON "pods" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "pods_lead_user_id_idx" ON "pods" USING btree ("lead_user_id");--> statement-breakpoint
CREATE INDEX "pipeline_stage_dependencies_prerequisite_id_idx" ON "pipeline_stage_dependencies" USING btree ("prerequisite_id");--> statement-breakpoint
CREATE INDEX "pipeline_stage_reworks_from_stage_id_idx" ON "pipeline_stage_reworks" USING btree ("from_stage_id");--> statement-breakpoint
CREATE INDEX "pipeline_stage_reworks_to_stage_id_idx" ON "pipeline_stage_reworks" USING btree ("to_stage_id");--> statement-breakpoint
CREATE INDEX "pipeline_templates_organization_id_idx" ON "pipeline_templates" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "briefs_organization_id_idx" ON "briefs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "briefs_status_idx" ON "briefs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "briefs_client_team_id_idx" ON "briefs" USING btree ("client_team_id");--> statement-breakpoint
CREATE INDEX "briefs_converted_project_id_idx" ON "briefs" USING btree ("converted_project_id");--> statement-breakpoint
CREATE INDEX "custom_field_definitions_organization_id_idx" ON "custom_field_definitions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_organization_id_idx" ON "projects" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_client_team_id_idx" ON "projects" USING btree ("client_team_id");--> statement-breakpoint
CREATE INDEX "projects_pipeline_template_id_idx" ON "projects" USING btree ("pipeline_template_id");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_requestor_user_id_idx" ON "projects" USING btree ("requestor_user_id");--> statement-breakpoint
CREATE INDEX "projects_organization_id_created_at_idx" ON "projects" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "deliverable_attachments_deliverable_id_idx" ON "deliverable_attachments" USING btree ("deliverable_id");--> statement-breakpoint
CREATE INDEX "deliverable_attachments_stage_definition_id_idx" ON "deliverable_attachments" USING btree ("stage_definition_id");--> statement-breakpoint
CREATE INDEX "deliverable_attachments_organization_id_idx" ON "deliverable_attachments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "deliverable_attachments_created_by_id_idx" ON "deliverable_attachments" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "deliverable_stages_deliverable_id_idx" ON "deliverable_stages" USING btree ("deliverable_id");--> statement-breakpoint
CREATE INDEX "deliverable_stages_stage_definition_id_idx" ON "deliverable_stages" USING btree ("stage_definition_id");--> statement-breakpoint
CREATE INDEX "deliverable_stages_organization_id_idx" ON "deliverable_stages" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "deliverable_stages_status_idx" ON "deliverable_stages" USING btree ("status");--> statement-breakpoint
CREATE INDEX "deliverable_stages_organization_id_status_idx" ON "deliverable_stages" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "deliverables_project_id_idx" ON "deliverables" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "deliverables_organization_id_idx" ON "deliverables" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "deliverables_status_idx" ON "deliverables" USING btree ("status");--> statement-breakpoint
CREATE INDEX "deliverables_organization_id_status_idx" ON "deliverables" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "deliverables_project_id_created_at_idx" ON "deliverables" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "stage_assignments_user_id_idx" ON "stage_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "stage_assignments_organization_id_idx" ON "stage_assignments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "status_history_entity_type_entity_id_created_at_idx" ON "status_history" USING btree ("entity_type","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "status_history_organization_id_idx" ON "status_history" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "status_history_actor_user_id_idx" ON "status_history" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "status_history_actor_api_key_id_idx" ON "status_history" USING btree ("actor_api_key_id");--> statement-breakpoint
CREATE INDEX "holding_pen_files_deliverable_id_idx" ON "holding_pen_files" USING btree ("deliverable_id");--> statement-breakpoint
CREATE INDEX "holding_pen_files_organization_id_idx" ON "holding_pen_files" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "holding_pen_files_suggested_stage_id_idx" ON "holding_pen_files" USING btree ("suggested_stage_id");--> statement-breakpoint
CREATE INDEX "revisions_deliverable_stage_id_idx" ON "revisions" USING btree ("deliverable_stage_id");--> statement-breakpoint
CREATE INDEX "revisions_organization_id_idx" ON "revisions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "annotations_comment_id_idx" ON "annotations" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "annotations_revision_id_idx" ON "annotations" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "annotations_revision_id_timestamp_seconds_idx" ON "annotations" USING btree ("revision_id","timestamp_seconds");--> statement-breakpoint
CREATE INDEX "annotations_organization_id_idx" ON "annotations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "annotations_created_by_id_idx" ON "annotations" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "approval_decisions_organization_id_idx" ON "approval_decisions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "approval_decisions_deliverable_stage_id_created_at_idx" ON "approval_decisions" USING btree ("deliverable_stage_id","created_at");--> statement-breakpoint
CREATE INDEX "approval_decisions_revision_id_idx" ON "approval_decisions" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "approval_decisions_decided_by_id_idx" ON "approval_decisions" USING btree ("decided_by_id");--> statement-breakpoint
CREATE INDEX "comments_deliverable_stage_id_idx" ON "comments" USING btree ("deliverable_stage_id");--> statement-breakpoint
CREATE INDEX "comments_parent_id_idx" ON "comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "comments_organization_id_idx" ON "comments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "comments_revision_id_idx" ON "comments" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "comments_author_id_idx" ON "comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "comments_released_by_id_idx" ON "comments" USING btree ("released_by_id");--> statement-breakpoint
CREATE INDEX "feedback_items_deliverable_stage_id_idx" ON "feedback_items" USING btree ("deliverable_stage_id");--> statement-breakpoint
CREATE INDEX "feedback_items_revision_id_idx" ON "feedback_items" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "feedback_items_assigned_to_id_idx" ON "feedback_items" USING btree ("assigned_to_id");--> statement-breakpoint
CREATE INDEX "feedback_items_status_idx" ON "feedback_items" USING btree ("status");--> statement-breakpoint
CREATE INDEX "feedback_items_organization_id_idx" ON "feedback_items" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "feedback_items_annotation_id_idx" ON "feedback_items" USING btree ("annotation_id");--> statement-breakpoint
CREATE INDEX "feedback_items_comment_id_idx" ON "feedback_items" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "feedback_items_created_by_id_idx" ON "feedback_items" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "feedback_items_resolved_by_id_idx" ON "feedback_items" USING btree ("resolved_by_id");--> statement-breakpoint
CREATE INDEX "feedback_items_verified_by_id_idx" ON "feedback_items" USING btree ("verified_by_id");--> statement-breakpoint
CREATE INDEX "feedback_items_carried_from_id_idx" ON "feedback_items" USING btree ("carried_from_id");--> statement-breakpoint
CREATE INDEX "review_session_items_session_id_idx" ON "review_session_items" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "review_session_items_deliverable_stage_id_idx" ON "review_session_items" USING btree ("deliverable_stage_id");--> statement-breakpoint
CREATE INDEX "review_session_items_revision_id_idx" ON "review_session_items" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "review_session_items_decided_by_id_idx" ON "review_session_items" USING btree ("decided_by_id");--> statement-breakpoint
CREATE INDEX "review_sessions_organization_id_idx" ON "review_sessions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "review_sessions_status_idx" ON "review_sessions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "review_sessions_created_by_id_idx" ON "review_sessions" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "notification_rules_organization_id_idx" ON "notification_rules" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "notification_rules_event_idx" ON "notification_rules" USING btree ("event");--> statement-breakpoint
CREATE INDEX "notifications_user_id_is_read_idx" ON "notifications" USING btree ("user_id","is_read");--> statement-breakpoint
CREATE INDEX "notifications_user_id_is_read_created_at_idx" ON "notifications" USING btree ("user_id","is_read","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_organization_id_idx" ON "notifications" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "outbox_emails_organization_id_idx" ON "outbox_emails" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "outbox_emails_to_address_created_at_idx" ON "outbox_emails" USING btree ("to_address","created_at");--> statement-breakpoint
CREATE INDEX "resource_bookings_organization_id_date_idx" ON "resource_bookings" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "resource_bookings_user_id_date_idx" ON "resource_bookings" USING btree ("user_id","date");--> statement-breakpoint
CREATE INDEX "resource_bookings_created_by_id_idx" ON "resource_bookings" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "skills_organization_id_idx" ON "skills" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "stage_skill_requirements_skill_id_idx" ON "stage_skill_requirements" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "user_skills_skill_id_idx" ON "user_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "automation_executions_rule_id_idx" ON "automation_executions" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "automation_executions_executed_at_idx" ON "automation_executions" USING btree ("executed_at");--> statement-breakpoint
CREATE INDEX "automation_executions_organization_id_idx" ON "automation_executions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "automation_rules_organization_id_idx" ON "automation_rules" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "automation_rules_is_enabled_idx" ON "automation_rules" USING btree ("is_enabled");--> statement-breakpoint
CREATE INDEX "automation_rules_created_by_id_idx" ON "automation_rules" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "api_keys_organization_id_idx" ON "api_keys" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "api_keys_created_by_id_idx" ON "api_keys" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "box_connections_organization_id_idx" ON "box_connections" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "box_push_logs_deliverable_id_idx" ON "box_push_logs" USING btree ("deliverable_id");--> statement-breakpoint
CREATE INDEX "box_push_logs_status_idx" ON "box_push_logs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "box_push_logs_organization_id_idx" ON "box_push_logs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "box_push_logs_revision_id_idx" ON "box_push_logs" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "box_webhook_events_organization_id_idx" ON "box_webhook_events" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "box_webhook_events_received_at_idx" ON "box_webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "inbound_logs_organization_id_received_at_idx" ON "inbound_logs" USING btree ("organization_id","received_at");--> statement-breakpoint
CREATE INDEX "inbound_logs_outcome_idx" ON "inbound_logs" USING btree ("outcome");--> statement-breakpoint
CREATE INDEX "inbound_logs_box_status_idx" ON "inbound_logs" USING btree ("box_status");--> statement-breakpoint
CREATE INDEX "inbound_logs_received_at_idx" ON "inbound_logs" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "inbound_logs_matched_project_id_idx" ON "inbound_logs" USING btree ("matched_project_id");--> statement-breakpoint
CREATE INDEX "inbound_logs_matched_deliverable_id_idx" ON "inbound_logs" USING btree ("matched_deliverable_id");--> statement-breakpoint
CREATE INDEX "inbound_logs_revision_id_idx" ON "inbound_logs" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "inbound_logs_holding_pen_file_id_idx" ON "inbound_logs" USING btree ("holding_pen_file_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organization_id_idx" ON "webhook_endpoints" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "chat_messages_session_id_idx" ON "chat_messages" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "chat_messages_user_id_idx" ON "chat_messages" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "chat_messages_organization_id_idx" ON "chat_messages" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "search_logs_user_id_idx" ON "search_logs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "search_logs_organization_id_idx" ON "search_logs" USING btree ("organization_id");