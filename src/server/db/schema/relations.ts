/** drizzle `relations()` for the relational query API (db.query.*). No effect on the SQL schema. */
import { relations } from 'drizzle-orm';
import { accounts, sessions, users } from './auth';
import { automationExecutions, automationRules } from './automation';
import {
  deliverableAttachments,
  deliverableStages,
  deliverables,
  stageAssignments,
  statusHistory,
} from './deliverables';
import {
  apiKeys,
  boxConnections,
  boxPushLogs,
  boxWebhookEvents,
  inboundLogs,
} from './integrations';
import { notifications } from './notifications';
import {
  clientTeamMemberships,
  clientTeams,
  invitations,
  orgRolePermissions,
  organizations,
  pods,
} from './organizations';
import {
  pipelineStageDefinitions,
  pipelineStageDependencies,
  pipelineStageReworks,
  pipelineTemplates,
} from './pipelines';
import { skills, stageSkillRequirements, userSkills, resourceBookings } from './planning';
import { briefs, projects } from './projects';
import {
  annotations,
  approvalDecisions,
  comments,
  feedbackItems,
  reviewSessionItems,
  reviewSessions,
} from './review';
import { holdingPenFiles, revisions } from './revisions';

export const organizationsRelations = relations(organizations, ({ many }) => ({
  users: many(users),
  projects: many(projects),
  pipelineTemplates: many(pipelineTemplates),
  rolePermissions: many(orgRolePermissions),
  clientTeams: many(clientTeams),
  pods: many(pods),
  invitations: many(invitations),
  briefs: many(briefs),
}));

export const usersRelations = relations(users, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [users.organizationId],
    references: [organizations.id],
  }),
  homePod: one(pods, {
    fields: [users.homePodId],
    references: [pods.id],
    relationName: 'podHome',
  }),
  podsLed: many(pods, { relationName: 'podLead' }),
  sessions: many(sessions),
  accounts: many(accounts),
  assignments: many(stageAssignments),
  clientTeams: many(clientTeamMemberships),
  skills: many(userSkills),
  notifications: many(notifications),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const orgRolePermissionsRelations = relations(orgRolePermissions, ({ one }) => ({
  organization: one(organizations, {
    fields: [orgRolePermissions.organizationId],
    references: [organizations.id],
  }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  organization: one(organizations, {
    fields: [invitations.organizationId],
    references: [organizations.id],
  }),
  invitedBy: one(users, { fields: [invitations.invitedById], references: [users.id] }),
}));

export const clientTeamsRelations = relations(clientTeams, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [clientTeams.organizationId],
    references: [organizations.id],
  }),
  memberships: many(clientTeamMemberships),
  projects: many(projects),
  briefs: many(briefs),
}));

export const clientTeamMembershipsRelations = relations(clientTeamMemberships, ({ one }) => ({
  user: one(users, { fields: [clientTeamMemberships.userId], references: [users.id] }),
  clientTeam: one(clientTeams, {
    fields: [clientTeamMemberships.clientTeamId],
    references: [clientTeams.id],
  }),
}));

export const podsRelations = relations(pods, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [pods.organizationId],
    references: [organizations.id],
  }),
  leadUser: one(users, {
    fields: [pods.leadUserId],
    references: [users.id],
    relationName: 'podLead',
  }),
  members: many(users, { relationName: 'podHome' }),
}));

export const pipelineTemplatesRelations = relations(pipelineTemplates, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [pipelineTemplates.organizationId],
    references: [organizations.id],
  }),
  stages: many(pipelineStageDefinitions),
  projects: many(projects),
}));

export const pipelineStageDefinitionsRelations = relations(
  pipelineStageDefinitions,
  ({ one, many }) => ({
    pipeline: one(pipelineTemplates, {
      fields: [pipelineStageDefinitions.pipelineId],
      references: [pipelineTemplates.id],
    }),
    dependsOn: many(pipelineStageDependencies, { relationName: 'dependsOn' }),
    dependedBy: many(pipelineStageDependencies, { relationName: 'prerequisite' }),
    reworkFrom: many(pipelineStageReworks, { relationName: 'reworkFrom' }),
    reworkTo: many(pipelineStageReworks, { relationName: 'reworkTo' }),
    deliverableStages: many(deliverableStages),
    skillRequirements: many(stageSkillRequirements),
  }),
);

export const pipelineStageDependenciesRelations = relations(
  pipelineStageDependencies,
  ({ one }) => ({
    stage: one(pipelineStageDefinitions, {
      fields: [pipelineStageDependencies.stageId],
      references: [pipelineStageDefinitions.id],
      relationName: 'dependsOn',
    }),
    prerequisite: one(pipelineStageDefinitions, {
      fields: [pipelineStageDependencies.prerequisiteId],
      references: [pipelineStageDefinitions.id],
      relationName: 'prerequisite',
    }),
  }),
);

export const pipelineStageReworksRelations = relations(pipelineStageReworks, ({ one }) => ({
  fromStage: one(pipelineStageDefinitions, {
    fields: [pipelineStageReworks.fromStageId],
    references: [pipelineStageDefinitions.id],
    relationName: 'reworkFrom',
  }),
  toStage: one(pipelineStageDefinitions, {
    fields: [pipelineStageReworks.toStageId],
    references: [pipelineStageDefinitions.id],
    relationName: 'reworkTo',
  }),
}));

export const projectsRelations = relations(projects, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [projects.organizationId],
    references: [organizations.id],
  }),
  clientTeam: one(clientTeams, { fields: [projects.clientTeamId], references: [clientTeams.id] }),
  requestorUser: one(users, { fields: [projects.requestorUserId], references: [users.id] }),
  pipelineTemplate: one(pipelineTemplates, {
    fields: [projects.pipelineTemplateId],
    references: [pipelineTemplates.id],
  }),
  deliverables: many(deliverables),
  convertedFrom: many(briefs),
}));

export const briefsRelations = relations(briefs, ({ one }) => ({
  organization: one(organizations, {
    fields: [briefs.organizationId],
    references: [organizations.id],
  }),
  clientTeam: one(clientTeams, { fields: [briefs.clientTeamId], references: [clientTeams.id] }),
  convertedProject: one(projects, {
    fields: [briefs.convertedProjectId],
    references: [projects.id],
  }),
}));

export const deliverablesRelations = relations(deliverables, ({ one, many }) => ({
  project: one(projects, { fields: [deliverables.projectId], references: [projects.id] }),
  organization: one(organizations, {
    fields: [deliverables.organizationId],
    references: [organizations.id],
  }),
  stages: many(deliverableStages),
  attachments: many(deliverableAttachments),
  holdingPenFiles: many(holdingPenFiles),
  boxPushLogs: many(boxPushLogs),
}));

export const deliverableAttachmentsRelations = relations(deliverableAttachments, ({ one }) => ({
  deliverable: one(deliverables, {
    fields: [deliverableAttachments.deliverableId],
    references: [deliverables.id],
  }),
  stageDefinition: one(pipelineStageDefinitions, {
    fields: [deliverableAttachments.stageDefinitionId],
    references: [pipelineStageDefinitions.id],
  }),
  createdBy: one(users, { fields: [deliverableAttachments.createdById], references: [users.id] }),
}));

export const deliverableStagesRelations = relations(deliverableStages, ({ one, many }) => ({
  deliverable: one(deliverables, {
    fields: [deliverableStages.deliverableId],
    references: [deliverables.id],
  }),
  stageDefinition: one(pipelineStageDefinitions, {
    fields: [deliverableStages.stageDefinitionId],
    references: [pipelineStageDefinitions.id],
  }),
  assignments: many(stageAssignments),
  revisions: many(revisions),
  comments: many(comments),
  feedbackItems: many(feedbackItems),
  approvalDecisions: many(approvalDecisions),
}));

export const stageAssignmentsRelations = relations(stageAssignments, ({ one }) => ({
  deliverableStage: one(deliverableStages, {
    fields: [stageAssignments.deliverableStageId],
    references: [deliverableStages.id],
  }),
  user: one(users, { fields: [stageAssignments.userId], references: [users.id] }),
}));

export const statusHistoryRelations = relations(statusHistory, ({ one }) => ({
  actorUser: one(users, { fields: [statusHistory.actorUserId], references: [users.id] }),
  actorApiKey: one(apiKeys, { fields: [statusHistory.actorApiKeyId], references: [apiKeys.id] }),
}));

export const revisionsRelations = relations(revisions, ({ one, many }) => ({
  deliverableStage: one(deliverableStages, {
    fields: [revisions.deliverableStageId],
    references: [deliverableStages.id],
  }),
  annotations: many(annotations),
  feedbackItems: many(feedbackItems),
  comments: many(comments),
  approvalDecisions: many(approvalDecisions),
}));

export const holdingPenFilesRelations = relations(holdingPenFiles, ({ one }) => ({
  deliverable: one(deliverables, {
    fields: [holdingPenFiles.deliverableId],
    references: [deliverables.id],
  }),
  suggestedStage: one(deliverableStages, {
    fields: [holdingPenFiles.suggestedStageId],
    references: [deliverableStages.id],
  }),
}));

export const commentsRelations = relations(comments, ({ one, many }) => ({
  deliverableStage: one(deliverableStages, {
    fields: [comments.deliverableStageId],
    references: [deliverableStages.id],
  }),
  revision: one(revisions, { fields: [comments.revisionId], references: [revisions.id] }),
  author: one(users, {
    fields: [comments.authorId],
    references: [users.id],
    relationName: 'commentAuthor',
  }),
  releasedBy: one(users, {
    fields: [comments.releasedById],
    references: [users.id],
    relationName: 'commentReleaser',
  }),
  parent: one(comments, {
    fields: [comments.parentId],
    references: [comments.id],
    relationName: 'commentThread',
  }),
  replies: many(comments, { relationName: 'commentThread' }),
  annotations: many(annotations),
}));

export const annotationsRelations = relations(annotations, ({ one }) => ({
  comment: one(comments, { fields: [annotations.commentId], references: [comments.id] }),
  revision: one(revisions, { fields: [annotations.revisionId], references: [revisions.id] }),
  createdBy: one(users, { fields: [annotations.createdById], references: [users.id] }),
}));

export const feedbackItemsRelations = relations(feedbackItems, ({ one }) => ({
  deliverableStage: one(deliverableStages, {
    fields: [feedbackItems.deliverableStageId],
    references: [deliverableStages.id],
  }),
  revision: one(revisions, { fields: [feedbackItems.revisionId], references: [revisions.id] }),
  annotation: one(annotations, {
    fields: [feedbackItems.annotationId],
    references: [annotations.id],
  }),
  comment: one(comments, { fields: [feedbackItems.commentId], references: [comments.id] }),
}));

export const reviewSessionsRelations = relations(reviewSessions, ({ one, many }) => ({
  createdBy: one(users, { fields: [reviewSessions.createdById], references: [users.id] }),
  items: many(reviewSessionItems),
}));

export const reviewSessionItemsRelations = relations(reviewSessionItems, ({ one }) => ({
  session: one(reviewSessions, {
    fields: [reviewSessionItems.sessionId],
    references: [reviewSessions.id],
  }),
  deliverableStage: one(deliverableStages, {
    fields: [reviewSessionItems.deliverableStageId],
    references: [deliverableStages.id],
  }),
  revision: one(revisions, {
    fields: [reviewSessionItems.revisionId],
    references: [revisions.id],
  }),
  decidedBy: one(users, { fields: [reviewSessionItems.decidedById], references: [users.id] }),
}));

export const approvalDecisionsRelations = relations(approvalDecisions, ({ one }) => ({
  deliverableStage: one(deliverableStages, {
    fields: [approvalDecisions.deliverableStageId],
    references: [deliverableStages.id],
  }),
  revision: one(revisions, {
    fields: [approvalDecisions.revisionId],
    references: [revisions.id],
  }),
  decidedBy: one(users, { fields: [approvalDecisions.decidedById], references: [users.id] }),
}));

export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}));

export const skillsRelations = relations(skills, ({ many }) => ({
  users: many(userSkills),
  stageRequirements: many(stageSkillRequirements),
}));

export const userSkillsRelations = relations(userSkills, ({ one }) => ({
  user: one(users, { fields: [userSkills.userId], references: [users.id] }),
  skill: one(skills, { fields: [userSkills.skillId], references: [skills.id] }),
}));

export const stageSkillRequirementsRelations = relations(stageSkillRequirements, ({ one }) => ({
  stageDefinition: one(pipelineStageDefinitions, {
    fields: [stageSkillRequirements.stageDefinitionId],
    references: [pipelineStageDefinitions.id],
  }),
  skill: one(skills, { fields: [stageSkillRequirements.skillId], references: [skills.id] }),
}));

export const resourceBookingsRelations = relations(resourceBookings, ({ one }) => ({
  user: one(users, {
    fields: [resourceBookings.userId],
    references: [users.id],
    relationName: 'bookingResource',
  }),
  createdBy: one(users, {
    fields: [resourceBookings.createdById],
    references: [users.id],
    relationName: 'bookingCreator',
  }),
}));

export const automationRulesRelations = relations(automationRules, ({ one, many }) => ({
  createdBy: one(users, { fields: [automationRules.createdById], references: [users.id] }),
  executions: many(automationExecutions),
}));

export const automationExecutionsRelations = relations(automationExecutions, ({ one }) => ({
  rule: one(automationRules, {
    fields: [automationExecutions.ruleId],
    references: [automationRules.id],
  }),
}));

export const apiKeysRelations = relations(apiKeys, ({ one }) => ({
  createdBy: one(users, { fields: [apiKeys.createdById], references: [users.id] }),
}));

export const boxConnectionsRelations = relations(boxConnections, ({ many }) => ({
  webhookEvents: many(boxWebhookEvents),
}));

export const boxWebhookEventsRelations = relations(boxWebhookEvents, ({ one }) => ({
  connection: one(boxConnections, {
    fields: [boxWebhookEvents.connectionId],
    references: [boxConnections.id],
  }),
}));

export const boxPushLogsRelations = relations(boxPushLogs, ({ one }) => ({
  deliverable: one(deliverables, {
    fields: [boxPushLogs.deliverableId],
    references: [deliverables.id],
  }),
  revision: one(revisions, { fields: [boxPushLogs.revisionId], references: [revisions.id] }),
}));

export const inboundLogsRelations = relations(inboundLogs, ({ one }) => ({
  matchedProject: one(projects, {
    fields: [inboundLogs.matchedProjectId],
    references: [projects.id],
  }),
  matchedDeliverable: one(deliverables, {
    fields: [inboundLogs.matchedDeliverableId],
    references: [deliverables.id],
  }),
  revision: one(revisions, { fields: [inboundLogs.revisionId], references: [revisions.id] }),
  holdingPenFile: one(holdingPenFiles, {
    fields: [inboundLogs.holdingPenFileId],
    references: [holdingPenFiles.id],
  }),
}));
