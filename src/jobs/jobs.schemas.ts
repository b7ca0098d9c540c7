import { z } from '@hono/zod-openapi';

export const JobIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: 'import_upload, import_commit, round_run, export, reindex' }),
    subjectId: z.string().nullable().openapi({ description: 'What it works on (an import, a round …)' }),
    status: z.enum(['running', 'done', 'failed', 'interrupted']).openapi({ description: 'interrupted: the process running it stopped; start it again to resume' }),
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
    result: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'A short summary when done (ids and counts)' }),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        errors: z
          .array(z.object({ path: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), message: z.string() }))
          .optional(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job');
export type JobDto = z.infer<typeof JobSchema>;
