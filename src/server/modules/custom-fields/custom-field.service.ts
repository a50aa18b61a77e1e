import type { Db } from '../../db/client';

export class CustomFieldService {
  constructor(readonly db: Db) {}
}
