import { CUSTOM_FIELD_TYPE_NAMES, type CustomFieldTypeName } from '../../../domain/custom-fields';

export const CUSTOM_FIELD_ENTITY_TYPES = ['PROJECT', 'DELIVERABLE'] as const;
export type CustomFieldEntityType = (typeof CUSTOM_FIELD_ENTITY_TYPES)[number];

export const CUSTOM_FIELD_TYPES = CUSTOM_FIELD_TYPE_NAMES;
export type CustomFieldType = CustomFieldTypeName;

export const CUSTOM_FIELD_TYPE_LABEL: Record<CustomFieldType, string> = {
  TEXT: 'Text',
  NUMBER: 'Number',
  DATE: 'Date',
  SELECT: 'Select',
  BOOLEAN: 'Yes / no',
};

export const CUSTOM_FIELD_TYPE_OPTIONS = CUSTOM_FIELD_TYPES.map((value) => ({
  value,
  label: CUSTOM_FIELD_TYPE_LABEL[value],
}));

export const ENTITY_LABEL: Record<CustomFieldEntityType, { one: string; many: string }> = {
  PROJECT: { one: 'project', many: 'Projects' },
  DELIVERABLE: { one: 'deliverable', many: 'Deliverables' },
};

export interface CustomField {
  id: string;
  entityType: CustomFieldEntityType;
  fieldName: string;
  fieldType: CustomFieldType;
  /** The choices of a SELECT field (empty for other types). */
  options: string[];
  isRequired: boolean;
  order: number;
  createdAt: string;
  updatedAt: string;
}

export interface CustomFieldInput {
  entityType: CustomFieldEntityType;
  fieldName: string;
  fieldType: CustomFieldType;
  options?: string[];
  isRequired?: boolean;
  order?: number;
}

export interface CustomFieldPatch {
  fieldName?: string;
  options?: string[];
  isRequired?: boolean;
  order?: number;
}

/** Stored values of a project or deliverable, by field name. */
export type CustomFieldValues = Record<string, unknown>;
