import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller } from '../../caller';
import { AppError } from '../../errors';
import { formParts, multipartBodyDoc } from '../../http/multipart';
import { errorResponses, errorSchema } from '../../http/schemas';
import type { Services } from '../../services';
import { XLSX_MIME } from './workbook';
import { XLSX_MAX_FILE_BYTES, xlsxTooLarge } from './xlsx.service';
import { applyOut, applyRejectedOut, exportQuery, previewOut, uploadBodyDoc } from './xlsx.schemas';

const caller = (req: { caller: Caller | null }) => req.caller as Caller;

const binary = (description: string) => ({
  description,
  content: { [XLSX_MIME]: { schema: z.string().meta({ type: 'string', format: 'binary' }) } },
});

function form(req: FastifyRequest) {
  if (!req.isMultipart())
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send multipart/form-data with the workbook in the field "file"',
    );
  return () => formParts(req, XLSX_MAX_FILE_BYTES, xlsxTooLarge);
}

function sendWorkbook(reply: FastifyReply, name: string, stream: Readable) {
  void reply
    .header('Content-Type', XLSX_MIME)
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store');
  return reply.send(stream);
}

const today = () => new Date().toISOString().slice(0, 10);

const IMPORT_DOC =
  'One row per deliverable with its project columns, keyed by OMG job number (see ' +
  '`docs/files-in-and-out.md`). Multipart form: `file` (the .xlsx, at most 5 MB and 2000 rows: ' +
  'bigger → 413 / 400) and optional `mapping` (JSON, column letter → field key or null).';

/** Spreadsheet import (preview, apply), export and template. */
export async function registerXlsxRouteScope(app: FastifyInstance, services: Services) {
  const { xlsx } = services;
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: XLSX_MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/imports/xlsx/preview',
      {
        schema: {
          tags: ['imports'],
          summary: 'Read a workbook and plan the import; nothing is written',
          description:
            IMPORT_DOC +
            ' Answers the detected columns, the suggested and effective mapping, and the plan: ' +
            'per job number a project create / update / unchanged, per row a deliverable ' +
            'create / update / unchanged, and row errors with row, column and message. ' +
            'Needs PROJECT_CREATE, PROJECT_UPDATE, DELIVERABLE_CREATE or DELIVERABLE_UPDATE; ' +
            'each planned change needs its own permission (else a row error).',
          consumes: ['multipart/form-data'],
          response: {
            200: previewOut,
            ...errorResponses,
            413: errorSchema,
            415: errorSchema,
          },
        },
        config: multipartBodyDoc(uploadBodyDoc),
      },
      async (req) => xlsx.preview(caller(req), form(req)),
    );

    r.post(
      '/api/imports/xlsx/apply',
      {
        schema: {
          tags: ['imports'],
          summary: 'Plan again and apply the import in one transaction',
          description:
            IMPORT_DOC +
            ' The plan is made again on the server; any row error (or a conflict while writing) → ' +
            '422 with the plan and `error.code` IMPORT_ROW_ERRORS, and nothing is written. A ' +
            'mapping problem (no job number column, a field twice) → 400.',
          consumes: ['multipart/form-data'],
          response: {
            200: applyOut,
            422: applyRejectedOut,
            ...errorResponses,
            413: errorSchema,
            415: errorSchema,
          },
        },
        config: multipartBodyDoc(uploadBodyDoc),
      },
      async (req, reply) => {
        const out = await xlsx.apply(caller(req), form(req));
        if (out.ok) return reply.status(200).send(out);
        const errors = out.plan?.errors ?? [];
        return reply.status(422).send({
          ...out,
          error: {
            code: 'IMPORT_ROW_ERRORS',
            message: `${errors.length} row error${errors.length === 1 ? '' : 's'}: nothing was imported`,
            fields: errors.slice(0, 200).map((e) => ({
              path: `row ${e.row}${e.column ? `, column ${e.column}` : ''}`,
              message: e.message,
            })),
          },
        });
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/exports/xlsx',
    {
      schema: {
        tags: ['imports'],
        summary: 'Export projects and deliverables as .xlsx (the import shape)',
        description:
          'One row per deliverable (a project without deliverables: one project-only row), ' +
          'for projects with an OMG job number, filtered like the projects list. Re-importing ' +
          'the file unchanged changes nothing. Internal users with PROJECT_VIEW and ' +
          'DELIVERABLE_VIEW.',
        querystring: exportQuery,
        response: { 200: binary('The workbook'), ...errorResponses },
      },
    },
    async (req, reply) =>
      sendWorkbook(reply, `projects-${today()}.xlsx`, await xlsx.export(caller(req), req.query)),
  );
  r.get(
    '/api/imports/xlsx/template',
    {
      schema: {
        tags: ['imports'],
        summary: "An empty import workbook with the org's columns and notes",
        response: { 200: binary('The workbook'), ...errorResponses },
      },
    },
    async (req, reply) =>
      sendWorkbook(reply, 'projects-import-template.xlsx', await xlsx.template(caller(req))),
  );
}
