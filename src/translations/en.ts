/**
 * English admin labels, under the `roleCatalog` namespace. Keys: `<collection>_singular|plural`,
 * `field_<name>` (or `field_<parent>_<name>` where a name means something else inside a group or
 * array), `option_<field>_<value>`, `tab_<key>`; `jsonld_<word>` for the words the JSON-LD builds
 * names from (in the language of the text, not the admin's).
 */
export const en = {
  adminGroup: 'Role Catalog',

  certifications_plural: 'Certifications',
  certifications_singular: 'Certification',
  responsibilities_plural: 'Responsibilities',
  responsibilities_singular: 'Responsibility',
  roles_plural: 'Roles',
  roles_singular: 'Role',
  skills_plural: 'Skills',
  skills_singular: 'Skill',

  field_abbreviation: 'Abbreviation',
  field_area: 'Area',
  field_buildsOn: 'Builds on',
  field_builtOnBy: 'Built on by',
  field_certification: 'Certification',
  field_certifications: 'Certifications',
  field_description: 'Description',
  field_experience: 'Experience',
  field_fieldsOfStudy: 'Fields of study',
  field_fieldsOfStudy_name: 'Field of study',
  field_focus: 'Focus',
  field_issuingBody: 'Issuing body',
  field_kind: 'Kind',
  field_level: 'Degree level',
  field_name: 'Name',
  field_note: 'Note',
  field_qualifications: 'Qualifications',
  field_requirement: 'Requirement',
  field_responsibilities: 'Responsibilities',
  field_responsibility: 'Responsibility',
  field_roles: 'Used by roles',
  field_skill: 'Skill',
  field_skills: 'Skills',
  field_slug: 'Slug',
  field_source: 'Source',
  field_source_quote: 'Quote',
  field_source_section: 'Section',
  field_source_title: 'Source title',
  field_summary: 'Summary',
  field_title: 'Title',

  'option_kind_project-management': 'Project management',
  option_kind_soft: 'Soft / interpersonal',
  option_kind_technical: 'Technical / domain',
  'option_kind_technical-role': 'Hands-on technical role',
  option_level_associate: 'Associate degree',
  option_level_bachelor: "Bachelor's degree",
  option_level_doctorate: 'Doctorate',
  option_level_master: "Master's degree",
  option_level_unspecified: 'Degree (level not specified)',
  option_requirement_recommended: 'Recommended',
  option_requirement_required: 'Required',

  jsonld_degree: 'Degree',
  jsonld_degreeIn: '{{level}} in {{fields}}',
  jsonld_or: 'or',

  tab_links: 'Responsibilities, skills, certifications',
  tab_overview: 'Overview',
  tab_qualifications: 'Qualifications & experience',

  untranslated_count: 'Without {{locale}} text: {{count}}',
  untranslated_show: 'Show them',
  untranslated_showAll: 'Show all',

  error_publishDefaultLocaleFirst:
    "Publish in {{language}} first, or publish all languages: {{language}}, the site's default language, has no published “{{field}}” yet, and its readers would get this document without one.",
}

export type RoleCatalogTranslationKey = keyof typeof en
