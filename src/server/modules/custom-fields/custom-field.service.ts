import {
  mergeCustomFieldValues,
  selectOptions,
  validateCustomFieldValues,
  type CustomFieldError,
} from '../../../domain/custom-fields';
import { requirePermission, type Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, conflict, notFound } from '../../errors';
import { CustomFieldRepository, type CustomFieldRow } from './custom-field.repository';
import type {
  CustomFieldCreateInput,
  CustomFieldOut,
  CustomFieldUpdateInput,
  EntityType,
} from './custom-fields.schemas';

/** Fields per entity type and organization: the list is answered in one page. */
export const MAX_FIELDS_PER_ENTITY = 100;

const UNIQUE_NAME = 'custom_field_definitions_org_entity_type_field_name_unique';
const ROWS: Record<EntityType, string> = { PROJECT: 'project(s)', DELIVERABLE: 'deliverable(s)' };

export function presentCustomField(row: CustomFieldRow): CustomFieldOut {
  return {
    id: row.id,
    entityType: row.entityType,
    fieldName: row.fieldName,
    fieldType: row.fieldType,
    options: row.fieldType === 'SELECT' ? [...selectOptions(row)] : [],
    isRequired: row.isRequired,
    order: row.order,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path} ${message}`, {
    fields: [{ path, message }],
  });
}

/**
 * Custom field definitions per organization and entity type. Values live in the
 * `custom_fields` jsonb of projects and deliverables, keyed by field name: renaming or deleting
 * a definition rewrites those keys in the same transaction.
 */
export class CustomFieldService {
  private readonly repo = new CustomFieldRepository();

  constructor(readonly db: Db) {}

  async list(caller: Caller, entityType?: EntityType) {
    requirePermission(caller, 'PROJECT_VIEW');
    const rows = await this.repo.list(this.db, caller.orgId, entityType);
    return { items: rows.map(presentCustomField), nextCursor: null };
  }

  async get(caller: Caller, id: string) {
    requirePermission(caller, 'PROJECT_VIEW');
    const row = await this.repo.get(this.db, caller.orgId, id);
    if (!row) throw notFound('Custom field');
    return presentCustomField(row);
  }

  /** The definitions of one entity type, in form order. */
  async definitions(orgId: string, entityType: EntityType, tx: DbOrTx = this.db) {
    return this.repo.list(tx, orgId, entityType);
  }

  async create(caller: Caller, input: CustomFieldCreateInput) {
    requirePermission(caller, 'FIELD_CUSTOMIZE');
    return this.saving(input.fieldName, () =>
      this.db.transaction(async (tx) => {
        const existing = await this.repo.list(tx, caller.orgId, input.entityType);
        this.assertNameFree(existing, input.fieldName);
        if (existing.length >= MAX_FIELDS_PER_ENTITY) {
          throw conflict(
            `An organization can have at most ${MAX_FIELDS_PER_ENTITY} custom fields per entity type`,
          );
        }
        const { nextOrder } = await this.repo.stats(tx, caller.orgId, input.entityType);
        const row = await this.repo.insert(tx, {
          organizationId: caller.orgId,
          entityType: input.entityType,
          fieldName: input.fieldName,
          fieldType: input.fieldType,
          fieldOptions: input.fieldType === 'SELECT' ? { options: input.options ?? [] } : null,
          isRequired: input.isRequired ?? false,
          order: input.order ?? nextOrder,
        });
        return presentCustomField(row);
      }),
    );
  }

  async update(caller: Caller, id: string, input: CustomFieldUpdateInput) {
    requirePermission(caller, 'FIELD_CUSTOMIZE');
    return this.saving(input.fieldName ?? '', () =>
      this.db.transaction(async (tx) => {
        const row = await this.repo.get(tx, caller.orgId, id);
        if (!row) throw notFound('Custom field');
        if (input.fieldType !== undefined && input.fieldType !== row.fieldType) {
          throw invalid(
            'fieldType',
            `cannot change from ${row.fieldType}: create a new field and delete this one`,
          );
        }
        if (input.entityType !== undefined && input.entityType !== row.entityType) {
          throw invalid('entityType', `cannot change from ${row.entityType}`);
        }
        if (input.options !== undefined && row.fieldType !== 'SELECT') {
          throw invalid('options', 'only SELECT fields have options');
        }
        if (input.options !== undefined && input.options.length === 0) {
          throw invalid('options', 'a SELECT field needs at least one option');
        }

        const changes: Partial<CustomFieldRow> = {};
        if (input.isRequired !== undefined) changes.isRequired = input.isRequired;
        if (input.order !== undefined) changes.order = input.order;

        if (input.options !== undefined) {
          const kept = new Set(input.options);
          const removed = selectOptions(row).filter((o) => !kept.has(o));
          if (removed.length) {
            const counts = await this.repo.valueCounts(
              tx,
              caller.orgId,
              row.entityType,
              row.fieldName,
            );
            const used = removed.filter((o) => (counts.get(o) ?? 0) > 0);
            if (used.length) {
              throw conflict(
                used
                  .map(
                    (o) =>
                      `Option "${o}" of ${row.fieldName} is used by ${counts.get(o)} ${ROWS[row.entityType]}`,
                  )
                  .join('; ') + ': change those values first, or keep the option',
              );
            }
          }
          changes.fieldOptions = { options: input.options };
        }

        if (input.fieldName !== undefined && input.fieldName !== row.fieldName) {
          const others = await this.repo.list(tx, caller.orgId, row.entityType);
          this.assertNameFree(
            others.filter((o) => o.id !== row.id),
            input.fieldName,
          );
          changes.fieldName = input.fieldName;
          await this.repo.renameKey(
            tx,
            caller.orgId,
            row.entityType,
            row.fieldName,
            input.fieldName,
          );
        }

        if (Object.keys(changes).length === 0) return presentCustomField(row);
        return presentCustomField(await this.repo.update(tx, row.id, changes));
      }),
    );
  }

  async delete(caller: Caller, id: string) {
    requirePermission(caller, 'FIELD_CUSTOMIZE');
    await this.db.transaction(async (tx) => {
      const row = await this.repo.get(tx, caller.orgId, id);
      if (!row) throw notFound('Custom field');
      await this.repo.removeKey(tx, caller.orgId, row.entityType, row.fieldName);
      await this.repo.delete(tx, row.id);
    });
  }

  /**
   * Checks custom field values for a project or deliverable being created or edited, and
   * returns what to store.
   *
   * - `existing === null` (create): every required field must be given; returns the normalized
   *   values without nulls (`{}` when nothing is given).
   * - `existing` set (edit): `values` is a partial change merged onto `existing`; null clears an
   *   optional field (the key is removed), null on a required field is refused. Returns the
   *   merged object, or `undefined` when `values` is undefined (leave the column alone).
   *
   * Throws AppError VALIDATION_FAILED with `fields` (`customFields.<name>`) otherwise.
   */
  async validateValues(
    orgId: string,
    entityType: 'PROJECT' | 'DELIVERABLE',
    values: Record<string, unknown> | undefined,
    existing: Record<string, unknown> | null,
  ): Promise<Record<string, unknown> | undefined> {
    if (values === undefined && existing !== null) return undefined;
    const defs = await this.repo.list(this.db, orgId, entityType);
    const result = validateCustomFieldValues(defs, values ?? {}, { partial: existing !== null });
    if (!result.ok) throw validationError(result.fields);
    return mergeCustomFieldValues(existing, result.values);
  }

  private assertNameFree(rows: CustomFieldRow[], name: string) {
    const clash = rows.find((r) => r.fieldName.toLowerCase() === name.toLowerCase());
    if (clash)
      throw conflict(
        `A ${clash.entityType.toLowerCase()} field named "${clash.fieldName}" already exists`,
      );
  }

  private async saving<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err, UNIQUE_NAME)) {
        throw conflict(`A field named "${name}" already exists`);
      }
      throw err;
    }
  }
}

function validationError(fields: CustomFieldError[]): AppError {
  const summary = fields
    .map((f) => `${f.path.slice('customFields.'.length)} ${f.message}`)
    .join('; ');
  return new AppError('VALIDATION_FAILED', `Check the custom fields: ${summary}`, { fields });
}
