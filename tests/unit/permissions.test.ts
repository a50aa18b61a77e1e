import { describe, expect, it } from 'vitest';
import {
  checkRolePermissions,
  DEFAULT_ROLE_PERMISSIONS,
  isPermission,
  isRole,
  LOCKED_PERMISSIONS,
  PERMISSION_INFO,
  PERMISSIONS,
  ROLES,
  type Permission,
} from '../../src/domain/permissions';

/** The founding document's 27 permissions plus the six API.md adds. */
const FOUNDING: Permission[] = [
  'PROJECT_CREATE',
  'PROJECT_UPDATE',
  'PROJECT_DELETE',
  'PROJECT_VIEW',
  'DELIVERABLE_VIEW',
  'DELIVERABLE_CREATE',
  'DELIVERABLE_UPDATE',
  'DELIVERABLE_DELETE',
  'STAGE_VIEW',
  'STAGE_UPDATE',
  'STAGE_UPDATE_STATUS',
  'STAGE_ASSIGN',
  'STAGE_SCHEDULE',
  'REVISION_CREATE',
  'REVISION_UPDATE',
  'REVISION_REVIEW',
  'COMMENT_CREATE',
  'COMMENT_DELETE',
  'COMMENT_DELETE_ANY',
  'PIPELINE_MANAGE',
  'FIELD_CUSTOMIZE',
  'AUTOMATION_MANAGE',
  'USER_MANAGE',
  'ROLE_MANAGE',
  'ORG_SETTINGS',
  'CLIENT_TEAM_MANAGE',
  'POD_MANAGE',
];
const ADDED: Permission[] = [
  'REVISION_SEND',
  'INBOUND_MANAGE',
  'API_KEY_MANAGE',
  'BRIEF_MANAGE',
  'REVIEW_SESSION_MANAGE',
  'INTEGRATION_MANAGE',
];

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('permissions catalogue', () => {
  it('has exactly the 27 founding permissions plus the six added ones', () => {
    expect(FOUNDING).toHaveLength(27);
    expect(PERMISSIONS).toHaveLength(33);
    expect(sorted(PERMISSIONS)).toEqual(sorted([...FOUNDING, ...ADDED]));
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('describes every permission with a group and a description', () => {
    for (const p of PERMISSIONS) {
      const [group, description] = PERMISSION_INFO[p];
      expect(group.length).toBeGreaterThan(0);
      expect(description.length).toBeGreaterThan(0);
    }
  });

  it('recognises permissions and roles', () => {
    expect(isPermission('USER_MANAGE')).toBe(true);
    expect(isPermission('user_manage')).toBe(false);
    expect(isPermission('toString')).toBe(false);
    expect(isPermission('__proto__')).toBe(false);
    expect(isPermission('')).toBe(false);
    expect(ROLES).toEqual(['ADMIN', 'PRODUCER', 'ARTIST', 'CLIENT_VIEWER']);
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole('OWNER')).toBe(false);
  });
});

describe('default matrix (API.md)', () => {
  it('gives ADMIN all 33 permissions', () => {
    expect(sorted(DEFAULT_ROLE_PERMISSIONS.ADMIN)).toEqual(sorted(PERMISSIONS));
    expect(DEFAULT_ROLE_PERMISSIONS.ADMIN).toHaveLength(33);
  });

  it('gives PRODUCER everything except USER_MANAGE, ROLE_MANAGE, ORG_SETTINGS, PROJECT_DELETE', () => {
    const excluded = ['USER_MANAGE', 'ROLE_MANAGE', 'ORG_SETTINGS', 'PROJECT_DELETE'];
    expect(sorted(DEFAULT_ROLE_PERMISSIONS.PRODUCER)).toEqual(
      sorted(PERMISSIONS.filter((p) => !excluded.includes(p))),
    );
    expect(DEFAULT_ROLE_PERMISSIONS.PRODUCER).toHaveLength(29);
    for (const p of ADDED) expect(DEFAULT_ROLE_PERMISSIONS.PRODUCER).toContain(p);
  });

  it('gives ARTIST exactly its eight permissions', () => {
    expect(sorted(DEFAULT_ROLE_PERMISSIONS.ARTIST)).toEqual(
      sorted([
        'PROJECT_VIEW',
        'DELIVERABLE_VIEW',
        'STAGE_VIEW',
        'STAGE_UPDATE_STATUS',
        'REVISION_CREATE',
        'REVISION_UPDATE',
        'COMMENT_CREATE',
        'COMMENT_DELETE',
      ]),
    );
  });

  it('gives CLIENT_VIEWER exactly its six permissions', () => {
    expect(sorted(DEFAULT_ROLE_PERMISSIONS.CLIENT_VIEWER)).toEqual(
      sorted([
        'PROJECT_VIEW',
        'DELIVERABLE_VIEW',
        'STAGE_VIEW',
        'COMMENT_CREATE',
        'COMMENT_DELETE',
        'REVISION_REVIEW',
      ]),
    );
  });

  it('has no duplicates, only known permissions, and an entry for every role', () => {
    expect(sorted(Object.keys(DEFAULT_ROLE_PERMISSIONS))).toEqual(sorted(ROLES));
    for (const role of ROLES) {
      const perms = DEFAULT_ROLE_PERMISSIONS[role];
      expect(new Set(perms).size).toBe(perms.length);
      for (const p of perms) expect(isPermission(p)).toBe(true);
    }
  });

  it('keeps the management permissions away from everyone but ADMIN', () => {
    for (const role of ['PRODUCER', 'ARTIST', 'CLIENT_VIEWER'] as const) {
      for (const p of ['USER_MANAGE', 'ROLE_MANAGE', 'ORG_SETTINGS'] as const) {
        expect(DEFAULT_ROLE_PERMISSIONS[role]).not.toContain(p);
      }
    }
  });

  it('passes its own validation', () => {
    for (const role of ROLES)
      expect(checkRolePermissions(role, DEFAULT_ROLE_PERMISSIONS[role])).toBeNull();
  });
});

describe('checkRolePermissions', () => {
  it('accepts any known set for a role without locked permissions, including the empty set', () => {
    expect(checkRolePermissions('ARTIST', [])).toBeNull();
    expect(checkRolePermissions('CLIENT_VIEWER', [])).toBeNull();
    expect(checkRolePermissions('PRODUCER', PERMISSIONS)).toBeNull();
    expect(checkRolePermissions('ARTIST', ['USER_MANAGE', 'ROLE_MANAGE'])).toBeNull();
  });

  it('refuses unknown permissions and names them', () => {
    const problem = checkRolePermissions('ARTIST', ['PROJECT_VIEW', 'FLY', 'project_view']);
    expect(problem).toMatch(/^Unknown permission/);
    expect(problem).toContain('FLY');
    expect(problem).toContain('project_view');
    expect(problem).not.toContain('PROJECT_VIEW,');
    expect(checkRolePermissions('ADMIN', [...PERMISSIONS, 'constructor'])).toMatch(/^Unknown/);
  });

  it('refuses to take ROLE_MANAGE from ADMIN', () => {
    const problem = checkRolePermissions(
      'ADMIN',
      PERMISSIONS.filter((p) => p !== 'ROLE_MANAGE'),
    );
    expect(problem).toMatch(/ADMIN must keep ROLE_MANAGE/);
    expect(checkRolePermissions('ADMIN', [])).toMatch(/ROLE_MANAGE/);
  });

  it('lets ADMIN lose anything that is not locked', () => {
    const locked = LOCKED_PERMISSIONS.ADMIN ?? [];
    expect(locked).toContain('ROLE_MANAGE');
    expect(checkRolePermissions('ADMIN', [...locked])).toBeNull();
    expect(
      checkRolePermissions(
        'ADMIN',
        PERMISSIONS.filter((p) => p !== 'PROJECT_DELETE'),
      ),
    ).toBeNull();
  });

  it('reports every locked permission that is missing', () => {
    for (const p of LOCKED_PERMISSIONS.ADMIN ?? []) {
      expect(
        checkRolePermissions(
          'ADMIN',
          PERMISSIONS.filter((x) => x !== p),
        ),
      ).toContain(p);
    }
  });

  it('tolerates duplicates in the proposal', () => {
    expect(checkRolePermissions('ADMIN', [...PERMISSIONS, ...PERMISSIONS])).toBeNull();
  });
});
