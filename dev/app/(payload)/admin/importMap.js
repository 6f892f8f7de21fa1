import { SlugInput as SlugInput_e7636021e6b66eae081c1b5a773e6840 } from 'payload-plugin-role-catalog/client'
import { LinkRowLabel as LinkRowLabel_e7636021e6b66eae081c1b5a773e6840 } from 'payload-plugin-role-catalog/client'
import { UntranslatedFilter as UntranslatedFilter_5e470fa41b344022541a249de4b02e06 } from 'payload-plugin-role-catalog/rsc'
import { RoleLinksTable as RoleLinksTable_e7636021e6b66eae081c1b5a773e6840 } from 'payload-plugin-role-catalog/client'
import { RedeliverButton as RedeliverButton_e7636021e6b66eae081c1b5a773e6840 } from 'payload-plugin-role-catalog/client'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "payload-plugin-role-catalog/client#SlugInput": SlugInput_e7636021e6b66eae081c1b5a773e6840,
  "payload-plugin-role-catalog/client#LinkRowLabel": LinkRowLabel_e7636021e6b66eae081c1b5a773e6840,
  "payload-plugin-role-catalog/rsc#UntranslatedFilter": UntranslatedFilter_5e470fa41b344022541a249de4b02e06,
  "payload-plugin-role-catalog/client#RoleLinksTable": RoleLinksTable_e7636021e6b66eae081c1b5a773e6840,
  "payload-plugin-role-catalog/client#RedeliverButton": RedeliverButton_e7636021e6b66eae081c1b5a773e6840,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
