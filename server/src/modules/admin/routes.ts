import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddMemberBodySchema,
  AdminUserListSchema,
  AdminUserQuerySchema,
  AdminUserSchema,
  AuditListSchema,
  AuditQuerySchema,
  IdVerificationListSchema,
  OrgMemberParamsSchema,
  OrgMembersSchema,
  OrgParamsSchema,
  SetRoleBodySchema,
  UserParamsSchema,
} from '@/contract/admin';
import { ApiErrorSchema } from '@/contract/errors';
import { sendCsv, toCsv } from '../../lib/csv';
import * as admin from './service';

const meta = { tags: ['admin'], security: [{ bearerAuth: [] }] };
const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};

const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.requireRole('admin'));

  app.get(
    '/admin/users',
    {
      schema: {
        ...meta,
        summary: '查找用户',
        querystring: AdminUserQuerySchema,
        response: { 200: AdminUserListSchema, ...errors },
      },
    },
    async (request) => ({ items: await admin.searchUsers(app, request.query.q) }),
  );

  app.put(
    '/admin/users/:userId/role',
    {
      schema: {
        ...meta,
        summary: '设置用户角色',
        params: UserParamsSchema,
        body: SetRoleBodySchema,
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) => admin.setRole(app, request.auth!, request.params.userId, request.body.role),
  );

  app.get(
    '/admin/orgs/:orgId/members',
    {
      schema: {
        ...meta,
        summary: '组织的工作人员',
        params: OrgParamsSchema,
        response: { 200: OrgMembersSchema, ...errors },
      },
    },
    async (request) => admin.listMembers(app, request.params.orgId),
  );

  app.post(
    '/admin/orgs/:orgId/members',
    {
      schema: {
        ...meta,
        summary: '授权工作人员（限本组织）',
        params: OrgParamsSchema,
        body: AddMemberBodySchema,
        response: { 200: OrgMembersSchema, ...errors },
      },
    },
    async (request) =>
      admin.addMember(
        app,
        request.auth!,
        request.params.orgId,
        request.body.userId,
        request.body.role ?? 'staff',
      ),
  );

  app.delete(
    '/admin/orgs/:orgId/members/:userId',
    {
      schema: {
        ...meta,
        summary: '取消工作人员授权',
        params: OrgMemberParamsSchema,
        response: { 200: OrgMembersSchema, ...errors },
      },
    },
    async (request) =>
      admin.removeMember(app, request.auth!, request.params.orgId, request.params.userId),
  );

  app.get(
    '/admin/id-verifications',
    {
      schema: {
        ...meta,
        summary: '人工核验：本人身份证号已被其他账号绑定',
        response: { 200: IdVerificationListSchema, ...errors },
      },
    },
    async () => ({ items: await admin.listIdVerifications(app) }),
  );

  app.get(
    '/admin/audit',
    {
      schema: {
        ...meta,
        summary: '操作日志',
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...errors },
      },
    },
    async (request) => admin.listAudit(app, request.query),
  );

  app.get(
    '/admin/audit.csv',
    { schema: { ...meta, summary: '导出操作日志（CSV）', querystring: AuditQuerySchema } },
    async (request, reply) => {
      const rows = await admin.exportAudit(app, request.query);
      const csv = toCsv(
        [
          { header: '时间', value: (r) => r.at },
          { header: '操作人', value: (r) => r.actorName ?? r.actorId },
          { header: '角色', value: (r) => r.actorRole },
          { header: '操作', value: (r) => r.action },
          { header: '对象', value: (r) => r.entity },
          { header: '对象编号', value: (r) => r.entityId },
          { header: '组织', value: (r) => r.orgId },
          { header: '修改前', value: (r) => (r.before == null ? '' : JSON.stringify(r.before)) },
          { header: '修改后', value: (r) => (r.after == null ? '' : JSON.stringify(r.after)) },
        ],
        rows,
      );
      return sendCsv(reply, '操作日志.csv', csv);
    },
  );
};

export default adminRoutes;
