import type { Caller } from '../../caller';
import type { Db, DbOrTx } from '../../db/client';
import type { NotificationService } from '../notifications/notification.service';

/** Feedback items: action items made from comments and annotations (issue 5; being built). */
export class FeedbackService {
  constructor(
    readonly db: Db,
    readonly notifications: NotificationService,
  ) {}

  /**
   * A new revision arrived on a stage (inside the upload's transaction): every item of the
   * stage not yet VERIFIED is carried to it.
   */
  async carryOver(tx: DbOrTx, caller: Caller, stageId: string, revisionId: string): Promise<void> {
    void tx;
    void caller;
    void stageId;
    void revisionId;
  }
}
