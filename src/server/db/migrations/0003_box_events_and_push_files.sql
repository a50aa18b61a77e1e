ALTER TABLE "box_push_logs" ADD COLUMN "box_file_id" text;--> statement-breakpoint
ALTER TABLE "box_push_logs" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "trigger" text;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "box_file_id" text;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "status" text DEFAULT 'RECEIVED' NOT NULL;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "inbound_log_id" text;--> statement-breakpoint
ALTER TABLE "box_webhook_events" ADD COLUMN "processed_at" timestamp (3) with time zone;