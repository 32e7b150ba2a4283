import { z } from '@hono/zod-openapi';
import { userRoles } from './schema';

export const userRoleSchema = z
  .enum(userRoles)
  .openapi({ description: 'administrator, coordinator, officer, leader (spokesperson), viewer' });

export const publicUserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    organizationId: z.string(),
    role: userRoleSchema,
    isActive: z.boolean(),
    totpEnabled: z.boolean(),
    locale: z.string(),
    createdAt: z.string(),
  })
  .openapi('User');

export const loginRequestSchema = z
  .object({
    email: z.string().trim().email().max(320),
    password: z.string().min(1).max(256),
    totpCode: z.string().max(10).optional(),
  })
  .strict()
  .openapi('LoginRequest');

export const sessionResponseSchema = z.object({ user: publicUserSchema, csrfToken: z.string() }).openapi('Session');

export const createUserRequestSchema = z
  .object({
    email: z.string().trim().email().max(320),
    displayName: z.string().trim().min(1).max(200).optional(),
    organizationId: z.string().min(1).max(200),
    role: userRoleSchema,
    password: z.string().min(10).max(256),
  })
  .strict()
  .openapi('CreateUserRequest');

export const updateUserRequestSchema = z
  .object({
    role: userRoleSchema.optional(),
    isActive: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(200).optional(),
    password: z.string().min(10).max(256).optional(),
    locale: z.enum(['vi', 'en']).optional(),
  })
  .strict()
  .openapi('UpdateUserRequest');

export const apiTokenSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })
  .openapi('ApiToken');
