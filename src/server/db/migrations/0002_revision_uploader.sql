ALTER TABLE "revisions" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "created_by_id" text;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;