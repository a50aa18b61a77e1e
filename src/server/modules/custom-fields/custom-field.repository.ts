import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { customFieldDefinitions, deliverables, projects } from '../../db/schema';
import type { EntityType } from './custom-fields.schemas';

export type CustomFieldRow = typeof customFieldDefinitions.$inferSelect;

/** The table whose `custom_fields` column holds the values of an entity type. */
function valueTable(entityType: EntityType) {
  return entityType === 'PROJECT' ? projects : deliverables;
}

export class CustomFieldRepository {
  async list(tx: DbOrTx, orgId: string, entityType?: EntityType): Promise<CustomFieldRow[]> {
    return tx
      .select()
      .from(customFieldDefinitions)
      .where(
        and(
          eq(customFieldDefinitions.organizationId, orgId),
          entityType ? eq(customFieldDefinitions.entityType, entityType) : undefined,
        ),
      )
      .orderBy(
        asc(customFieldDefinitions.entityType),
        asc(customFieldDefinitions.order),
        asc(customFieldDefinitions.fieldName),
      );
  }

  async get(tx: DbOrTx, orgId: string, id: string): Promise<CustomFieldRow | undefined> {
    const [row] = await tx
      .select()
      .from(customFieldDefinitions)
      .where(
        and(eq(customFieldDefinitions.id, id), eq(customFieldDefinitions.organizationId, orgId)),
      );
    return row;
  }

  /** How many definitions an entity type has, and the order after the last one. */
  async stats(tx: DbOrTx, orgId: string, entityType: EntityType) {
    const [row] = await tx
      .select({
        count: sql<number>`count(*)::int`,
        nextOrder: sql<number>`coalesce(max(${customFieldDefinitions.order}) + 1, 0)::int`,
      })
      .from(customFieldDefinitions)
      .where(
        and(
          eq(customFieldDefinitions.organizationId, orgId),
          eq(customFieldDefinitions.entityType, entityType),
        ),
      );
    return { count: row?.count ?? 0, nextOrder: row?.nextOrder ?? 0 };
  }

  async insert(tx: DbOrTx, values: typeof customFieldDefinitions.$inferInsert) {
    const [row] = await tx.insert(customFieldDefinitions).values(values).returning();
    return row!;
  }

  async update(
    tx: DbOrTx,
    id: string,
    values: Partial<typeof customFieldDefinitions.$inferInsert>,
  ): Promise<CustomFieldRow> {
    const [row] = await tx
      .update(customFieldDefinitions)
      .set(values)
      .where(eq(customFieldDefinitions.id, id))
      .returning();
    return row!;
  }

  async delete(tx: DbOrTx, id: string) {
    await tx.delete(customFieldDefinitions).where(eq(customFieldDefinitions.id, id));
  }

  /** Stored values of one field, with how many rows hold each (rows without it are left out). */
  async valueCounts(
    tx: DbOrTx,
    orgId: string,
    entityType: EntityType,
    fieldName: string,
  ): Promise<Map<string, number>> {
    const t = valueTable(entityType);
    // Grouped by position: the same expression twice would carry two different parameters.
    const rows = await tx
      .select({
        value: sql<string | null>`${t.customFields} ->> ${fieldName}::text`,
        n: sql<number>`count(*)::int`,
      })
      .from(t)
      .where(and(eq(t.organizationId, orgId), sql`${t.customFields} ? ${fieldName}::text`))
      .groupBy(sql`1`);
    return new Map(rows.flatMap((r) => (r.value === null ? [] : [[r.value, r.n] as const])));
  }

  /** Moves the value under `from` to `to` in every row of the org that has it. */
  async renameKey(tx: DbOrTx, orgId: string, entityType: EntityType, from: string, to: string) {
    const t = valueTable(entityType);
    await tx
      .update(t)
      .set({
        // A definition change, not an edit of the row: updated_at stays.
        updatedAt: sql`${t.updatedAt}`,
        customFields: sql`(${t.customFields} - ${from}::text) || jsonb_build_object(${to}::text, ${t.customFields} -> ${from}::text)`,
      })
      .where(and(eq(t.organizationId, orgId), sql`${t.customFields} ? ${from}::text`));
  }

  /** Removes the key from every row of the org that has it. */
  async removeKey(tx: DbOrTx, orgId: string, entityType: EntityType, name: string) {
    const t = valueTable(entityType);
    await tx
      .update(t)
      .set({ updatedAt: sql`${t.updatedAt}`, customFields: sql`${t.customFields} - ${name}::text` })
      .where(and(eq(t.organizationId, orgId), sql`${t.customFields} ? ${name}::text`));
  }
}
