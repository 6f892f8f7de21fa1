import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_role_catalog_deliveries_status" AS ENUM('pending', 'delivered', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'roleCatalogDeliverChangeNotifications' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'roleCatalogDeliverChangeNotifications' BEFORE 'schedulePublish';
  CREATE TABLE "role_catalog_deliveries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"webhook_id" varchar NOT NULL,
  	"url" varchar NOT NULL,
  	"status" "enum_role_catalog_deliveries_status" DEFAULT 'pending' NOT NULL,
  	"attempts" numeric NOT NULL,
  	"last_attempt_at" timestamp(3) with time zone,
  	"next_attempt_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"locked_until" timestamp(3) with time zone,
  	"last_response_status" numeric,
  	"last_response" varchar,
  	"operation" varchar,
  	"collection_slug" varchar,
  	"redelivery_of_id" integer,
  	"body" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "role_catalog_deliveries" ADD CONSTRAINT "role_catalog_deliveries_redelivery_of_id_role_catalog_deliveries_id_fk" FOREIGN KEY ("redelivery_of_id") REFERENCES "public"."role_catalog_deliveries"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "role_catalog_deliveries_webhook_id_idx" ON "role_catalog_deliveries" USING btree ("webhook_id");
  CREATE INDEX "role_catalog_deliveries_url_idx" ON "role_catalog_deliveries" USING btree ("url");
  CREATE INDEX "role_catalog_deliveries_status_idx" ON "role_catalog_deliveries" USING btree ("status");
  CREATE INDEX "role_catalog_deliveries_redelivery_of_idx" ON "role_catalog_deliveries" USING btree ("redelivery_of_id");
  CREATE INDEX "role_catalog_deliveries_updated_at_idx" ON "role_catalog_deliveries" USING btree ("updated_at");
  CREATE INDEX "role_catalog_deliveries_created_at_idx" ON "role_catalog_deliveries" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "role_catalog_deliveries" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP TYPE "public"."enum_role_catalog_deliveries_status";`)
}
