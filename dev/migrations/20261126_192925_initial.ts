import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_roles_responsibilities_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum_roles_skills_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum_roles_certifications_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum_roles_qualifications_level" AS ENUM('unspecified', 'associate', 'bachelor', 'master', 'doctorate');
  CREATE TYPE "public"."enum_roles_qualifications_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum_roles_experience_kind" AS ENUM('technical', 'management');
  CREATE TYPE "public"."enum_roles_experience_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum_roles_external_codes_match" AS ENUM('exact', 'close', 'broad', 'narrow');
  CREATE TYPE "public"."enum_roles_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__roles_v_version_responsibilities_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum__roles_v_version_skills_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum__roles_v_version_certifications_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum__roles_v_version_qualifications_level" AS ENUM('unspecified', 'associate', 'bachelor', 'master', 'doctorate');
  CREATE TYPE "public"."enum__roles_v_version_qualifications_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum__roles_v_version_experience_kind" AS ENUM('technical', 'management');
  CREATE TYPE "public"."enum__roles_v_version_experience_requirement" AS ENUM('required', 'recommended');
  CREATE TYPE "public"."enum__roles_v_version_external_codes_match" AS ENUM('exact', 'close', 'broad', 'narrow');
  CREATE TYPE "public"."enum__roles_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_responsibilities_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__responsibilities_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_certifications_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__certifications_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_skills_kind" AS ENUM('soft', 'technical');
  CREATE TYPE "public"."enum_skills_skill_type" AS ENUM('skill_competence', 'knowledge');
  CREATE TYPE "public"."enum_skills_reuse_level" AS ENUM('transversal', 'cross_sector', 'sector_specific', 'occupation_specific');
  CREATE TYPE "public"."enum_skills_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__skills_v_version_kind" AS ENUM('soft', 'technical');
  CREATE TYPE "public"."enum__skills_v_version_skill_type" AS ENUM('skill_competence', 'knowledge');
  CREATE TYPE "public"."enum__skills_v_version_reuse_level" AS ENUM('transversal', 'cross_sector', 'sector_specific', 'occupation_specific');
  CREATE TYPE "public"."enum__skills_v_version_status" AS ENUM('draft', 'published');
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "roles_responsibilities" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"responsibility_id" integer,
  	"requirement" "enum_roles_responsibilities_requirement" DEFAULT 'required',
  	"note" varchar
  );
  
  CREATE TABLE "roles_skills" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"skill_id" integer,
  	"requirement" "enum_roles_skills_requirement" DEFAULT 'required',
  	"note" varchar
  );
  
  CREATE TABLE "roles_certifications" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"certification_id" integer,
  	"requirement" "enum_roles_certifications_requirement" DEFAULT 'required',
  	"note" varchar
  );
  
  CREATE TABLE "roles_qualifications_fields_of_study" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"slug" varchar
  );
  
  CREATE TABLE "roles_qualifications" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"level" "enum_roles_qualifications_level" DEFAULT 'bachelor',
  	"requirement" "enum_roles_qualifications_requirement" DEFAULT 'required',
  	"note" varchar
  );
  
  CREATE TABLE "roles_experience" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"area" varchar,
  	"slug" varchar,
  	"kind" "enum_roles_experience_kind",
  	"requirement" "enum_roles_experience_requirement" DEFAULT 'required',
  	"note" varchar
  );
  
  CREATE TABLE "roles_external_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"scheme" varchar,
  	"code" varchar,
  	"label" varchar,
  	"uri" varchar,
  	"match" "enum_roles_external_codes_match" DEFAULT 'close',
  	"source" varchar
  );
  
  CREATE TABLE "roles" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"abbreviation" varchar,
  	"summary" varchar,
  	"focus" varchar,
  	"source_title" varchar,
  	"source_section" varchar,
  	"source_quote" varchar,
  	"source_uri" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_roles_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "roles_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "roles_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"roles_id" integer
  );
  
  CREATE TABLE "_roles_v_version_responsibilities" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"responsibility_id" integer,
  	"requirement" "enum__roles_v_version_responsibilities_requirement" DEFAULT 'required',
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v_version_skills" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"skill_id" integer,
  	"requirement" "enum__roles_v_version_skills_requirement" DEFAULT 'required',
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v_version_certifications" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"certification_id" integer,
  	"requirement" "enum__roles_v_version_certifications_requirement" DEFAULT 'required',
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v_version_qualifications_fields_of_study" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"slug" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v_version_qualifications" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"level" "enum__roles_v_version_qualifications_level" DEFAULT 'bachelor',
  	"requirement" "enum__roles_v_version_qualifications_requirement" DEFAULT 'required',
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v_version_experience" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"area" varchar,
  	"slug" varchar,
  	"kind" "enum__roles_v_version_experience_kind",
  	"requirement" "enum__roles_v_version_experience_requirement" DEFAULT 'required',
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v_version_external_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"scheme" varchar,
  	"code" varchar,
  	"label" varchar,
  	"uri" varchar,
  	"match" "enum__roles_v_version_external_codes_match" DEFAULT 'close',
  	"source" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_roles_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_abbreviation" varchar,
  	"version_summary" varchar,
  	"version_focus" varchar,
  	"version_source_title" varchar,
  	"version_source_section" varchar,
  	"version_source_quote" varchar,
  	"version_source_uri" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__roles_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_roles_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_roles_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"roles_id" integer
  );
  
  CREATE TABLE "responsibilities" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"description" varchar,
  	"source_title" varchar,
  	"source_section" varchar,
  	"source_quote" varchar,
  	"source_uri" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_responsibilities_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_responsibilities_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_description" varchar,
  	"version_source_title" varchar,
  	"version_source_section" varchar,
  	"version_source_quote" varchar,
  	"version_source_uri" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__responsibilities_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "certifications" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"slug" varchar,
  	"abbreviation" varchar,
  	"issuing_body" varchar,
  	"description" varchar,
  	"source_title" varchar,
  	"source_section" varchar,
  	"source_quote" varchar,
  	"source_uri" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_certifications_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_certifications_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_name" varchar,
  	"version_slug" varchar,
  	"version_abbreviation" varchar,
  	"version_issuing_body" varchar,
  	"version_description" varchar,
  	"version_source_title" varchar,
  	"version_source_section" varchar,
  	"version_source_quote" varchar,
  	"version_source_uri" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__certifications_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "skills" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"slug" varchar,
  	"kind" "enum_skills_kind",
  	"skill_type" "enum_skills_skill_type",
  	"reuse_level" "enum_skills_reuse_level",
  	"description" varchar,
  	"source_title" varchar,
  	"source_section" varchar,
  	"source_quote" varchar,
  	"source_uri" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_skills_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "skills_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_skills_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_name" varchar,
  	"version_slug" varchar,
  	"version_kind" "enum__skills_v_version_kind",
  	"version_skill_type" "enum__skills_v_version_skill_type",
  	"version_reuse_level" "enum__skills_v_version_reuse_level",
  	"version_description" varchar,
  	"version_source_title" varchar,
  	"version_source_section" varchar,
  	"version_source_quote" varchar,
  	"version_source_uri" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__skills_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_skills_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"roles_id" integer,
  	"responsibilities_id" integer,
  	"certifications_id" integer,
  	"skills_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_responsibilities" ADD CONSTRAINT "roles_responsibilities_responsibility_id_responsibilities_id_fk" FOREIGN KEY ("responsibility_id") REFERENCES "public"."responsibilities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "roles_responsibilities" ADD CONSTRAINT "roles_responsibilities_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_skills" ADD CONSTRAINT "roles_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "roles_skills" ADD CONSTRAINT "roles_skills_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_certifications" ADD CONSTRAINT "roles_certifications_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "roles_certifications" ADD CONSTRAINT "roles_certifications_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_qualifications_fields_of_study" ADD CONSTRAINT "roles_qualifications_fields_of_study_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles_qualifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_qualifications" ADD CONSTRAINT "roles_qualifications_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_experience" ADD CONSTRAINT "roles_experience_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_external_codes" ADD CONSTRAINT "roles_external_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_texts" ADD CONSTRAINT "roles_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_rels" ADD CONSTRAINT "roles_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "roles_rels" ADD CONSTRAINT "roles_rels_roles_fk" FOREIGN KEY ("roles_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_responsibilities" ADD CONSTRAINT "_roles_v_version_responsibilities_responsibility_id_responsibilities_id_fk" FOREIGN KEY ("responsibility_id") REFERENCES "public"."responsibilities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_roles_v_version_responsibilities" ADD CONSTRAINT "_roles_v_version_responsibilities_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_skills" ADD CONSTRAINT "_roles_v_version_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_roles_v_version_skills" ADD CONSTRAINT "_roles_v_version_skills_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_certifications" ADD CONSTRAINT "_roles_v_version_certifications_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_roles_v_version_certifications" ADD CONSTRAINT "_roles_v_version_certifications_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_qualifications_fields_of_study" ADD CONSTRAINT "_roles_v_version_qualifications_fields_of_study_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v_version_qualifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_qualifications" ADD CONSTRAINT "_roles_v_version_qualifications_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_experience" ADD CONSTRAINT "_roles_v_version_experience_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_version_external_codes" ADD CONSTRAINT "_roles_v_version_external_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v" ADD CONSTRAINT "_roles_v_parent_id_roles_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."roles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_roles_v_texts" ADD CONSTRAINT "_roles_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_rels" ADD CONSTRAINT "_roles_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_roles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_roles_v_rels" ADD CONSTRAINT "_roles_v_rels_roles_fk" FOREIGN KEY ("roles_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_responsibilities_v" ADD CONSTRAINT "_responsibilities_v_parent_id_responsibilities_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."responsibilities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_certifications_v" ADD CONSTRAINT "_certifications_v_parent_id_certifications_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."certifications"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "skills_texts" ADD CONSTRAINT "skills_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_skills_v" ADD CONSTRAINT "_skills_v_parent_id_skills_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."skills"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_skills_v_texts" ADD CONSTRAINT "_skills_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_skills_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_roles_fk" FOREIGN KEY ("roles_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_responsibilities_fk" FOREIGN KEY ("responsibilities_id") REFERENCES "public"."responsibilities"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_certifications_fk" FOREIGN KEY ("certifications_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_skills_fk" FOREIGN KEY ("skills_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "roles_responsibilities_order_idx" ON "roles_responsibilities" USING btree ("_order");
  CREATE INDEX "roles_responsibilities_parent_id_idx" ON "roles_responsibilities" USING btree ("_parent_id");
  CREATE INDEX "roles_responsibilities_responsibility_idx" ON "roles_responsibilities" USING btree ("responsibility_id");
  CREATE INDEX "roles_skills_order_idx" ON "roles_skills" USING btree ("_order");
  CREATE INDEX "roles_skills_parent_id_idx" ON "roles_skills" USING btree ("_parent_id");
  CREATE INDEX "roles_skills_skill_idx" ON "roles_skills" USING btree ("skill_id");
  CREATE INDEX "roles_certifications_order_idx" ON "roles_certifications" USING btree ("_order");
  CREATE INDEX "roles_certifications_parent_id_idx" ON "roles_certifications" USING btree ("_parent_id");
  CREATE INDEX "roles_certifications_certification_idx" ON "roles_certifications" USING btree ("certification_id");
  CREATE INDEX "roles_qualifications_fields_of_study_order_idx" ON "roles_qualifications_fields_of_study" USING btree ("_order");
  CREATE INDEX "roles_qualifications_fields_of_study_parent_id_idx" ON "roles_qualifications_fields_of_study" USING btree ("_parent_id");
  CREATE INDEX "roles_qualifications_order_idx" ON "roles_qualifications" USING btree ("_order");
  CREATE INDEX "roles_qualifications_parent_id_idx" ON "roles_qualifications" USING btree ("_parent_id");
  CREATE INDEX "roles_experience_order_idx" ON "roles_experience" USING btree ("_order");
  CREATE INDEX "roles_experience_parent_id_idx" ON "roles_experience" USING btree ("_parent_id");
  CREATE INDEX "roles_external_codes_order_idx" ON "roles_external_codes" USING btree ("_order");
  CREATE INDEX "roles_external_codes_parent_id_idx" ON "roles_external_codes" USING btree ("_parent_id");
  CREATE INDEX "roles_title_idx" ON "roles" USING btree ("title");
  CREATE UNIQUE INDEX "roles_slug_idx" ON "roles" USING btree ("slug");
  CREATE INDEX "roles_source_source_uri_idx" ON "roles" USING btree ("source_uri");
  CREATE INDEX "roles_updated_at_idx" ON "roles" USING btree ("updated_at");
  CREATE INDEX "roles_created_at_idx" ON "roles" USING btree ("created_at");
  CREATE INDEX "roles__status_idx" ON "roles" USING btree ("_status");
  CREATE INDEX "roles_texts_order_parent" ON "roles_texts" USING btree ("order","parent_id");
  CREATE INDEX "roles_texts_parent_idx" ON "roles_texts" USING btree ("parent_id");
  CREATE INDEX "roles_rels_order_idx" ON "roles_rels" USING btree ("order");
  CREATE INDEX "roles_rels_parent_idx" ON "roles_rels" USING btree ("parent_id");
  CREATE INDEX "roles_rels_path_idx" ON "roles_rels" USING btree ("path");
  CREATE INDEX "roles_rels_roles_id_idx" ON "roles_rels" USING btree ("roles_id");
  CREATE INDEX "_roles_v_version_responsibilities_order_idx" ON "_roles_v_version_responsibilities" USING btree ("_order");
  CREATE INDEX "_roles_v_version_responsibilities_parent_id_idx" ON "_roles_v_version_responsibilities" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_version_responsibilities_responsibility_idx" ON "_roles_v_version_responsibilities" USING btree ("responsibility_id");
  CREATE INDEX "_roles_v_version_skills_order_idx" ON "_roles_v_version_skills" USING btree ("_order");
  CREATE INDEX "_roles_v_version_skills_parent_id_idx" ON "_roles_v_version_skills" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_version_skills_skill_idx" ON "_roles_v_version_skills" USING btree ("skill_id");
  CREATE INDEX "_roles_v_version_certifications_order_idx" ON "_roles_v_version_certifications" USING btree ("_order");
  CREATE INDEX "_roles_v_version_certifications_parent_id_idx" ON "_roles_v_version_certifications" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_version_certifications_certification_idx" ON "_roles_v_version_certifications" USING btree ("certification_id");
  CREATE INDEX "_roles_v_version_qualifications_fields_of_study_order_idx" ON "_roles_v_version_qualifications_fields_of_study" USING btree ("_order");
  CREATE INDEX "_roles_v_version_qualifications_fields_of_study_parent_id_idx" ON "_roles_v_version_qualifications_fields_of_study" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_version_qualifications_order_idx" ON "_roles_v_version_qualifications" USING btree ("_order");
  CREATE INDEX "_roles_v_version_qualifications_parent_id_idx" ON "_roles_v_version_qualifications" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_version_experience_order_idx" ON "_roles_v_version_experience" USING btree ("_order");
  CREATE INDEX "_roles_v_version_experience_parent_id_idx" ON "_roles_v_version_experience" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_version_external_codes_order_idx" ON "_roles_v_version_external_codes" USING btree ("_order");
  CREATE INDEX "_roles_v_version_external_codes_parent_id_idx" ON "_roles_v_version_external_codes" USING btree ("_parent_id");
  CREATE INDEX "_roles_v_parent_idx" ON "_roles_v" USING btree ("parent_id");
  CREATE INDEX "_roles_v_version_version_title_idx" ON "_roles_v" USING btree ("version_title");
  CREATE INDEX "_roles_v_version_version_slug_idx" ON "_roles_v" USING btree ("version_slug");
  CREATE INDEX "_roles_v_version_source_version_source_uri_idx" ON "_roles_v" USING btree ("version_source_uri");
  CREATE INDEX "_roles_v_version_version_updated_at_idx" ON "_roles_v" USING btree ("version_updated_at");
  CREATE INDEX "_roles_v_version_version_created_at_idx" ON "_roles_v" USING btree ("version_created_at");
  CREATE INDEX "_roles_v_version_version__status_idx" ON "_roles_v" USING btree ("version__status");
  CREATE INDEX "_roles_v_created_at_idx" ON "_roles_v" USING btree ("created_at");
  CREATE INDEX "_roles_v_updated_at_idx" ON "_roles_v" USING btree ("updated_at");
  CREATE INDEX "_roles_v_latest_idx" ON "_roles_v" USING btree ("latest");
  CREATE INDEX "_roles_v_texts_order_parent" ON "_roles_v_texts" USING btree ("order","parent_id");
  CREATE INDEX "_roles_v_texts_parent_idx" ON "_roles_v_texts" USING btree ("parent_id");
  CREATE INDEX "_roles_v_rels_order_idx" ON "_roles_v_rels" USING btree ("order");
  CREATE INDEX "_roles_v_rels_parent_idx" ON "_roles_v_rels" USING btree ("parent_id");
  CREATE INDEX "_roles_v_rels_path_idx" ON "_roles_v_rels" USING btree ("path");
  CREATE INDEX "_roles_v_rels_roles_id_idx" ON "_roles_v_rels" USING btree ("roles_id");
  CREATE UNIQUE INDEX "responsibilities_slug_idx" ON "responsibilities" USING btree ("slug");
  CREATE INDEX "responsibilities_source_source_uri_idx" ON "responsibilities" USING btree ("source_uri");
  CREATE INDEX "responsibilities_updated_at_idx" ON "responsibilities" USING btree ("updated_at");
  CREATE INDEX "responsibilities_created_at_idx" ON "responsibilities" USING btree ("created_at");
  CREATE INDEX "responsibilities__status_idx" ON "responsibilities" USING btree ("_status");
  CREATE INDEX "_responsibilities_v_parent_idx" ON "_responsibilities_v" USING btree ("parent_id");
  CREATE INDEX "_responsibilities_v_version_version_slug_idx" ON "_responsibilities_v" USING btree ("version_slug");
  CREATE INDEX "_responsibilities_v_version_source_version_source_uri_idx" ON "_responsibilities_v" USING btree ("version_source_uri");
  CREATE INDEX "_responsibilities_v_version_version_updated_at_idx" ON "_responsibilities_v" USING btree ("version_updated_at");
  CREATE INDEX "_responsibilities_v_version_version_created_at_idx" ON "_responsibilities_v" USING btree ("version_created_at");
  CREATE INDEX "_responsibilities_v_version_version__status_idx" ON "_responsibilities_v" USING btree ("version__status");
  CREATE INDEX "_responsibilities_v_created_at_idx" ON "_responsibilities_v" USING btree ("created_at");
  CREATE INDEX "_responsibilities_v_updated_at_idx" ON "_responsibilities_v" USING btree ("updated_at");
  CREATE INDEX "_responsibilities_v_latest_idx" ON "_responsibilities_v" USING btree ("latest");
  CREATE UNIQUE INDEX "certifications_slug_idx" ON "certifications" USING btree ("slug");
  CREATE INDEX "certifications_source_source_uri_idx" ON "certifications" USING btree ("source_uri");
  CREATE INDEX "certifications_updated_at_idx" ON "certifications" USING btree ("updated_at");
  CREATE INDEX "certifications_created_at_idx" ON "certifications" USING btree ("created_at");
  CREATE INDEX "certifications__status_idx" ON "certifications" USING btree ("_status");
  CREATE INDEX "_certifications_v_parent_idx" ON "_certifications_v" USING btree ("parent_id");
  CREATE INDEX "_certifications_v_version_version_slug_idx" ON "_certifications_v" USING btree ("version_slug");
  CREATE INDEX "_certifications_v_version_source_version_source_uri_idx" ON "_certifications_v" USING btree ("version_source_uri");
  CREATE INDEX "_certifications_v_version_version_updated_at_idx" ON "_certifications_v" USING btree ("version_updated_at");
  CREATE INDEX "_certifications_v_version_version_created_at_idx" ON "_certifications_v" USING btree ("version_created_at");
  CREATE INDEX "_certifications_v_version_version__status_idx" ON "_certifications_v" USING btree ("version__status");
  CREATE INDEX "_certifications_v_created_at_idx" ON "_certifications_v" USING btree ("created_at");
  CREATE INDEX "_certifications_v_updated_at_idx" ON "_certifications_v" USING btree ("updated_at");
  CREATE INDEX "_certifications_v_latest_idx" ON "_certifications_v" USING btree ("latest");
  CREATE INDEX "skills_name_idx" ON "skills" USING btree ("name");
  CREATE UNIQUE INDEX "skills_slug_idx" ON "skills" USING btree ("slug");
  CREATE INDEX "skills_source_source_uri_idx" ON "skills" USING btree ("source_uri");
  CREATE INDEX "skills_updated_at_idx" ON "skills" USING btree ("updated_at");
  CREATE INDEX "skills_created_at_idx" ON "skills" USING btree ("created_at");
  CREATE INDEX "skills__status_idx" ON "skills" USING btree ("_status");
  CREATE INDEX "skills_texts_order_parent" ON "skills_texts" USING btree ("order","parent_id");
  CREATE INDEX "skills_texts_parent_idx" ON "skills_texts" USING btree ("parent_id");
  CREATE INDEX "_skills_v_parent_idx" ON "_skills_v" USING btree ("parent_id");
  CREATE INDEX "_skills_v_version_version_name_idx" ON "_skills_v" USING btree ("version_name");
  CREATE INDEX "_skills_v_version_version_slug_idx" ON "_skills_v" USING btree ("version_slug");
  CREATE INDEX "_skills_v_version_source_version_source_uri_idx" ON "_skills_v" USING btree ("version_source_uri");
  CREATE INDEX "_skills_v_version_version_updated_at_idx" ON "_skills_v" USING btree ("version_updated_at");
  CREATE INDEX "_skills_v_version_version_created_at_idx" ON "_skills_v" USING btree ("version_created_at");
  CREATE INDEX "_skills_v_version_version__status_idx" ON "_skills_v" USING btree ("version__status");
  CREATE INDEX "_skills_v_created_at_idx" ON "_skills_v" USING btree ("created_at");
  CREATE INDEX "_skills_v_updated_at_idx" ON "_skills_v" USING btree ("updated_at");
  CREATE INDEX "_skills_v_latest_idx" ON "_skills_v" USING btree ("latest");
  CREATE INDEX "_skills_v_texts_order_parent" ON "_skills_v_texts" USING btree ("order","parent_id");
  CREATE INDEX "_skills_v_texts_parent_idx" ON "_skills_v_texts" USING btree ("parent_id");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_roles_id_idx" ON "payload_locked_documents_rels" USING btree ("roles_id");
  CREATE INDEX "payload_locked_documents_rels_responsibilities_id_idx" ON "payload_locked_documents_rels" USING btree ("responsibilities_id");
  CREATE INDEX "payload_locked_documents_rels_certifications_id_idx" ON "payload_locked_documents_rels" USING btree ("certifications_id");
  CREATE INDEX "payload_locked_documents_rels_skills_id_idx" ON "payload_locked_documents_rels" USING btree ("skills_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "roles_responsibilities" CASCADE;
  DROP TABLE "roles_skills" CASCADE;
  DROP TABLE "roles_certifications" CASCADE;
  DROP TABLE "roles_qualifications_fields_of_study" CASCADE;
  DROP TABLE "roles_qualifications" CASCADE;
  DROP TABLE "roles_experience" CASCADE;
  DROP TABLE "roles_external_codes" CASCADE;
  DROP TABLE "roles" CASCADE;
  DROP TABLE "roles_texts" CASCADE;
  DROP TABLE "roles_rels" CASCADE;
  DROP TABLE "_roles_v_version_responsibilities" CASCADE;
  DROP TABLE "_roles_v_version_skills" CASCADE;
  DROP TABLE "_roles_v_version_certifications" CASCADE;
  DROP TABLE "_roles_v_version_qualifications_fields_of_study" CASCADE;
  DROP TABLE "_roles_v_version_qualifications" CASCADE;
  DROP TABLE "_roles_v_version_experience" CASCADE;
  DROP TABLE "_roles_v_version_external_codes" CASCADE;
  DROP TABLE "_roles_v" CASCADE;
  DROP TABLE "_roles_v_texts" CASCADE;
  DROP TABLE "_roles_v_rels" CASCADE;
  DROP TABLE "responsibilities" CASCADE;
  DROP TABLE "_responsibilities_v" CASCADE;
  DROP TABLE "certifications" CASCADE;
  DROP TABLE "_certifications_v" CASCADE;
  DROP TABLE "skills" CASCADE;
  DROP TABLE "skills_texts" CASCADE;
  DROP TABLE "_skills_v" CASCADE;
  DROP TABLE "_skills_v_texts" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_roles_responsibilities_requirement";
  DROP TYPE "public"."enum_roles_skills_requirement";
  DROP TYPE "public"."enum_roles_certifications_requirement";
  DROP TYPE "public"."enum_roles_qualifications_level";
  DROP TYPE "public"."enum_roles_qualifications_requirement";
  DROP TYPE "public"."enum_roles_experience_kind";
  DROP TYPE "public"."enum_roles_experience_requirement";
  DROP TYPE "public"."enum_roles_external_codes_match";
  DROP TYPE "public"."enum_roles_status";
  DROP TYPE "public"."enum__roles_v_version_responsibilities_requirement";
  DROP TYPE "public"."enum__roles_v_version_skills_requirement";
  DROP TYPE "public"."enum__roles_v_version_certifications_requirement";
  DROP TYPE "public"."enum__roles_v_version_qualifications_level";
  DROP TYPE "public"."enum__roles_v_version_qualifications_requirement";
  DROP TYPE "public"."enum__roles_v_version_experience_kind";
  DROP TYPE "public"."enum__roles_v_version_experience_requirement";
  DROP TYPE "public"."enum__roles_v_version_external_codes_match";
  DROP TYPE "public"."enum__roles_v_version_status";
  DROP TYPE "public"."enum_responsibilities_status";
  DROP TYPE "public"."enum__responsibilities_v_version_status";
  DROP TYPE "public"."enum_certifications_status";
  DROP TYPE "public"."enum__certifications_v_version_status";
  DROP TYPE "public"."enum_skills_kind";
  DROP TYPE "public"."enum_skills_skill_type";
  DROP TYPE "public"."enum_skills_reuse_level";
  DROP TYPE "public"."enum_skills_status";
  DROP TYPE "public"."enum__skills_v_version_kind";
  DROP TYPE "public"."enum__skills_v_version_skill_type";
  DROP TYPE "public"."enum__skills_v_version_reuse_level";
  DROP TYPE "public"."enum__skills_v_version_status";`)
}
