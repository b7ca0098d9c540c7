import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { DisplayName, Email, Password, UserSchema } from '../auth';

const tags = ['Administration'];

export const NewDepartmentBody = z
  .object({
    email: Email,
    password: Password,
    displayName: DisplayName,
    regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'must be a region code of 2, 4, 6 or 9 digits'),
  })
  .openapi('NewDepartmentRequest');

export const createDepartment = createRoute({
  method: 'post',
  path: '/admin/departments',
  tags,
  summary: 'Create a department account scoped to a region subtree (admin only)',
  request: { body: jsonBody(NewDepartmentBody) },
  responses: { 201: jsonContent(UserSchema, 'The department account'), ...errorResponses },
});

export const listDepartments = createRoute({
  method: 'get',
  path: '/admin/departments',
  tags,
  summary: 'Department accounts (admin only)',
  responses: { 200: jsonContent(z.object({ items: z.array(UserSchema) }), 'Departments'), ...errorResponses },
});

export const unlockUser = createRoute({
  method: 'post',
  path: '/admin/users/{id}/unlock',
  tags,
  summary: "Lift an account's sign-in limits: failures by strangers and every locked-out device (admin only; audit-logged)",
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: 'Unlocked' }, ...errorResponses },
});
