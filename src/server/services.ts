import type { AppDeps } from './app';
import { configureSecretKey } from './crypto/secret-box';
import { createAuth } from './modules/auth/better-auth';
import { AuthService } from './modules/auth/auth.service';
import { LoginThrottle } from './modules/auth/login-throttle';
import { SessionService } from './modules/auth/session.service';
import { OutboxMailer } from './modules/mail/mailer';
import { OutboxRepository } from './modules/mail/outbox.repository';
import { NotificationRepository } from './modules/notifications/notification.repository';
import { NotificationService } from './modules/notifications/notification.service';
import { ClientTeamRepository } from './modules/orgs/client-team.repository';
import { ClientTeamsService } from './modules/orgs/client-teams.service';
import { InvitationRepository } from './modules/orgs/invitation.repository';
import { InvitationsService } from './modules/orgs/invitations.service';
import { OrgRepository } from './modules/orgs/org.repository';
import { OrgService } from './modules/orgs/org.service';
import { PodRepository } from './modules/orgs/pod.repository';
import { PodsService } from './modules/orgs/pods.service';
import { UserRepository } from './modules/orgs/user.repository';
import { UsersService } from './modules/orgs/users.service';
import { ApprovalService } from './modules/approvals/approval.service';
import { AttachmentService } from './modules/attachments/attachment.service';
import { CommentService } from './modules/comments/comment.service';
import { CustomFieldService } from './modules/custom-fields/custom-field.service';
import { BoardService } from './modules/deliverables/board.service';
import { DeliverableService } from './modules/deliverables/deliverable.service';
import { FeedbackService } from './modules/feedback/feedback.service';
import { PipelineRepository } from './modules/pipelines/pipeline.repository';
import { PipelineService } from './modules/pipelines/pipeline.service';
import { ProjectRepository } from './modules/projects/project.repository';
import { ProjectService } from './modules/projects/project.service';
import { mediaLimits, RevisionService } from './modules/revisions/revision.service';
import { ReviewSessionService } from './modules/review-sessions/review-session.service';
import { createBoxServices } from './modules/box';
import { createInboundServices } from './modules/inbound';
import { createIntegrationServices } from './modules/integrations';
import { createXlsxServices } from './modules/xlsx';

/** Wires repositories and services once per app; tests get the same graph. */
export async function createServices(deps: AppDeps) {
  configureSecretKey(deps.authSecret);
  const core = await createCoreServices(deps);
  // Files in and out: each module builds its services from the core ones.
  const inbound = createInboundServices(deps, core);
  return {
    ...core,
    inbound,
    integrations: createIntegrationServices(deps, { ...core, inbound }),
    box: createBoxServices(deps, { ...core, inbound }),
    xlsx: createXlsxServices(deps, core),
  };
}

async function createCoreServices(deps: AppDeps) {
  const { config, database } = deps;
  const db = database.db;
  const mailer = new OutboxMailer(db, deps.queue, Boolean(config.SMTP_URL));
  const auth = createAuth({ config, db, mailer, secret: deps.authSecret });

  const orgRepo = new OrgRepository(db);
  const userRepo = new UserRepository(db);
  const teamRepo = new ClientTeamRepository(db);
  const podRepo = new PodRepository(db);
  const invitationRepo = new InvitationRepository(db);
  const throttle = new LoginThrottle(db, config);

  const notifications = new NotificationService(new NotificationRepository(db), deps.liveBus);
  const customFields = new CustomFieldService(db);
  const deliverables = new DeliverableService(db, notifications, customFields);
  const feedback = new FeedbackService(db, notifications);
  const approvals = new ApprovalService(db, deliverables, notifications);
  return {
    auth,
    mailer,
    throttle,
    sessions: new SessionService(auth, orgRepo, config),
    authService: new AuthService(auth, db, config, orgRepo, userRepo, throttle),
    org: new OrgService(db, orgRepo),
    users: new UsersService(db, userRepo, podRepo, teamRepo),
    clientTeams: new ClientTeamsService(db, teamRepo, userRepo),
    pods: new PodsService(podRepo, userRepo),
    invitations: new InvitationsService(
      db,
      config,
      invitationRepo,
      userRepo,
      teamRepo,
      orgRepo,
      mailer,
    ),
    notifications,
    deliverables,
    revisions: new RevisionService(
      db,
      deps.blobStore,
      deps.queue,
      deliverables,
      notifications,
      feedback,
      mediaLimits(config),
    ),
    comments: new CommentService(db, notifications),
    approvals,
    reviewSessions: new ReviewSessionService(db, approvals),
    feedback,
    board: new BoardService(db),
    customFields,
    attachments: new AttachmentService(db, deps.blobStore),
    outbox: new OutboxRepository(db),
    projects: new ProjectService(db, new ProjectRepository(db), customFields),
    pipelines: new PipelineService(db, new PipelineRepository(db)),
    repos: { orgRepo, userRepo, teamRepo, podRepo, invitationRepo },
  };
}

/** The services every module may build on. */
export type CoreServices = Awaited<ReturnType<typeof createCoreServices>>;
/** Core services plus the inbound resolver (for the channels that feed it). */
export type CoreWithInbound = CoreServices & { inbound: ReturnType<typeof createInboundServices> };

export type Services = Awaited<ReturnType<typeof createServices>>;
