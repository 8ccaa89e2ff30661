// 小程序码 (wxacode) contract: a code meant for WeChat's own scanner carries a short `scene`; the
// landing page trades it for what it stands for and opens the page that handles it. The client
// imports only types from here; its runtime rule is in wxacode-rules.ts (no TypeBox in the weapp).
import { Type, type Static } from '@sinclair/typebox';

export const WXACODE_ERRORS = {
  WXACODE_NOT_FOUND: '二维码无效，请重新扫描现场的二维码',
  WXACODE_EXPIRED: '二维码已过期，请扫描组织者屏幕上最新的二维码',
  WXACODE_UNAVAILABLE: '小程序码暂时无法生成，请改用页面上的普通二维码',
} as const;
export type WxacodeErrorCode = keyof typeof WXACODE_ERRORS;

/** The page every 小程序码 opens; it must be published in the mini-program (app.config). */
export const WXACODE_LANDING_PAGE = 'pages/landing/index';

/** What a scene can stand for: the organizer's rotating check-in codes. */
export const WXACODE_TARGETS = ['volunteer-checkin', 'ns-checkin'] as const;
export type WxacodeTarget = (typeof WXACODE_TARGETS)[number];

/** Scenes are 24 base64url characters (WeChat allows 32 visible characters). */
export const SCENE_PATTERN = '^[A-Za-z0-9_-]{24}$';

export const SceneParamsSchema = Type.Object({ scene: Type.String({ pattern: SCENE_PATTERN }) });

export const SceneSchema = Type.Object({
  target: Type.Union(WXACODE_TARGETS.map((t) => Type.Literal(t))),
  /** The signed code the scene stands for, as the in-app scanner would have read it. */
  code: Type.String(),
  /** The volunteer shift of a volunteer check-in code. */
  shiftId: Type.Optional(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Scene = Static<typeof SceneSchema>;
