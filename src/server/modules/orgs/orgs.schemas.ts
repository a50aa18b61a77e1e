import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../../../domain/permissions';
import { SLUG_PATTERN } from '../../../domain/slug';
import { isoDate } from '../../http/schemas';

export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(PERMISSIONS as [string, ...string[]]);
const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(SLUG_PATTERN, 'lower-case letters, digits and hyphens');
const name = z.string().trim().min(1, 'is required').max(200);
const email = z
  .email()
  .max(320)
  .transform((v) => v.toLowerCase());

export const organizationOut = z.object({ id: z.string(), name: z.string(), domain: z.string() });
export const organizationPatch = z.strictObject({ name });

export const userOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  department: z.string().nullable(),
  isExternal: z.boolean(),
  maxCapacity: z.number().int(),
  homePodId: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: isoDate.nullable(),
  createdAt: isoDate,
});
export const userListQuery = z.object({ q: z.string().trim().max(100).optional() });
export const userPatch = z.strictObject({
  name: name.optional(),
  role: roleSchema.optional(),
  department: z.string().trim().max(200).nullable().optional(),
  maxCapacity: z.number().int().min(0).max(100).optional(),
  homePodId: z.string().min(1).max(64).nullable().optional(),
  disabled: z.boolean().optional(),
});
export const userCreate = z.strictObject({
  email,
  name,
  role: roleSchema,
  temporaryPassword: z.string().min(10, 'must be at least 10 characters').max(256),
  clientTeamIds: z.array(z.string().min(1).max(64)).max(50).optional(),
});

export const rolesOut = z.object({
  roles: z.array(roleSchema),
  permissions: z.array(z.object({ key: z.string(), group: z.string(), description: z.string() })),
  matrix: z.record(z.string(), z.array(z.string())),
});
export const rolePermissionsIn = z.strictObject({ permissions: z.array(z.string()).max(100) });
export const rolePermissionsOut = z.object({ role: roleSchema, permissions: z.array(z.string()) });
export const roleParam = z.object({ role: roleSchema });

export const clientTeamOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  memberCount: z.number().int(),
  projectCount: z.number().int(),
  createdAt: isoDate,
});
export const clientTeamCreate = z.strictObject({ name, slug: slug.optional() });
export const clientTeamPatch = z.strictObject({ name: name.optional(), slug: slug.optional() });
export const clientTeamMemberOut = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  isPrimary: z.boolean(),
});
export const memberParams = z.object({ id: z.string(), userId: z.string() });
export const memberPut = z.strictObject({ isPrimary: z.boolean().optional() });

export const podOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  leadUser: z.object({ id: z.string(), name: z.string() }).nullable(),
  memberCount: z.number().int(),
  createdAt: isoDate,
});
export const podCreate = z.strictObject({
  name,
  slug: slug.optional(),
  leadUserId: z.string().min(1).max(64).nullable().optional(),
});
export const podPatch = z.strictObject({
  name: name.optional(),
  slug: slug.optional(),
  leadUserId: z.string().min(1).max(64).nullable().optional(),
});

export const invitationStatus = z.enum(['PENDING', 'ACCEPTED', 'EXPIRED', 'REVOKED']);
export const invitationOut = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  clientTeamIds: z.array(z.string()),
  status: invitationStatus,
  expiresAt: isoDate,
  createdAt: isoDate,
  invitedBy: z.object({ id: z.string(), name: z.string() }),
});
export const invitationCreate = z.strictObject({
  email,
  role: roleSchema,
  clientTeamIds: z.array(z.string().min(1).max(64)).max(50).optional(),
});
export const invitationLookupQuery = z.object({ token: z.string().min(10).max(200) });
export const invitationLookupOut = z.object({
  email: z.string(),
  role: roleSchema,
  organizationName: z.string(),
  expiresAt: isoDate,
});
export const invitationAccept = z.strictObject({
  token: z.string().min(10).max(200),
  name,
  password: z.string().min(10, 'must be at least 10 characters').max(256),
});
