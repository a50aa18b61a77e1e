import type { Db } from '../../db/client';
import type { NotificationService } from '../notifications/notification.service';

/** Threaded comments and annotations on a stage's revisions (issue 5; being built). */
export class CommentService {
  constructor(
    readonly db: Db,
    readonly notifications: NotificationService,
  ) {}
}
