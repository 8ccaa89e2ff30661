// 小程序码 for the codes people scan with WeChat's own scanner (the organizer's rotating check-in
// codes). WeChat carries at most 32 characters of `scene` in a 小程序码, so the signed code is kept
// in the database under a short scene: an HMAC of the code, so it cannot be guessed and the same
// code always gets the same scene (every screen showing one window shares one row and one image).
// What a scene is worth: exactly the code it stands for, for as long as that code lives — resolving
// it after the code expired answers 410, and the check-in still verifies the code itself. Scenes
// are made only here, from codes the server signed: nobody can mint a scene for a payload of their
// choosing, and an unknown scene never reaches WeChat (no spending our quota on guesses).
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors';
import { imageType, WechatSendError } from '../../plugins/wechat';
import {
  WXACODE_ERRORS,
  WXACODE_LANDING_PAGE,
  type Scene,
  type WxacodeErrorCode,
  type WxacodeTarget,
} from '@/contract/wxacode';
import * as repo from './repo';

const fail = (code: WxacodeErrorCode, status: number) =>
  new AppError(code, WXACODE_ERRORS[code], status);

/** 24 base64url characters = 144 bits of HMAC: far beyond guessing, within WeChat's 32. */
const SCENE_LENGTH = 24;
/** Width WeChat draws the code at: large enough for a phone held at arm's length. */
const WIDTH = 430;

export function sceneOf(secret: string, target: WxacodeTarget, code: string): string {
  return createHmac('sha256', secret)
    .update(`wxacode\n${target}\n${code}`)
    .digest('base64url')
    .slice(0, SCENE_LENGTH);
}

/**
 * Keeps `code` under its scene and returns the path of its 小程序码 image, or null
 * where no 小程序码 can be made (WeChat not configured: the screen shows the plain QR code).
 */
export async function wxacodePath(
  app: FastifyInstance,
  target: WxacodeTarget,
  code: string,
  expiresAt: Date,
): Promise<string | null> {
  if (!app.wechat.configured) return null;
  const scene = sceneOf(app.codeSecret, target, code);
  await repo.saveScene(app.db, { scene, target, code, now: app.now(), expiresAt });
  return `/api/v1/wxacode/${scene}`;
}

async function liveScene(app: FastifyInstance, scene: string): Promise<repo.SceneRow> {
  const row = await repo.findScene(app.db, scene);
  if (!row) throw fail('WXACODE_NOT_FOUND', 404);
  if (new Date(row.expires_at).getTime() <= app.now().getTime()) throw fail('WXACODE_EXPIRED', 410);
  return row;
}

/** What the landing page needs to route a scanned scene. */
export async function resolveScene(app: FastifyInstance, scene: string): Promise<Scene> {
  const row = await liveScene(app, scene);
  // the shift is inside the signed code; the landing page needs it to open the right check-in
  const shiftId = row.target === 'volunteer-checkin' ? shiftOf(row.code) : undefined;
  return {
    target: row.target,
    code: row.code,
    ...(shiftId ? { shiftId } : {}),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

function shiftOf(code: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(code.split('.')[0], 'base64url').toString('utf8'));
    return typeof payload.s === 'string' ? payload.s : undefined;
  } catch {
    return undefined;
  }
}

/** Concurrent requests for one scene in this process wait for one WeChat call. */
const drawing = new Map<string, Promise<{ image: Buffer; type: string }>>();

/** The 小程序码 image of a live scene: from the database, or drawn by WeChat once and kept. */
export async function sceneImage(
  app: FastifyInstance,
  scene: string,
): Promise<{ image: Buffer; type: string }> {
  await liveScene(app, scene);
  const cached = await repo.findImage(app.db, scene);
  if (cached) return { image: Buffer.from(cached.image), type: cached.image_type };
  let pending = drawing.get(scene);
  if (!pending) {
    pending = draw(app, scene).finally(() => drawing.delete(scene));
    drawing.set(scene, pending);
  }
  return pending;
}

async function draw(app: FastifyInstance, scene: string): Promise<{ image: Buffer; type: string }> {
  const envVersion = app.config.wechat.wxacodeEnv;
  let image: Buffer;
  try {
    image = await app.wechat.wxacodeUnlimited({
      scene,
      page: WXACODE_LANDING_PAGE,
      // WeChat checks the page against the released version only; trial/develop must skip it
      checkPath: envVersion === 'release',
      envVersion,
      width: WIDTH,
    });
  } catch (err) {
    app.log.warn(
      { errcode: err instanceof WechatSendError ? err.errcode : undefined, err: String(err) },
      'wxacode not drawn',
    );
    throw fail('WXACODE_UNAVAILABLE', 503);
  }
  const type = imageType(image)!;
  await repo.saveImage(app.db, scene, image, type);
  return { image, type };
}

/** Scenes are kept a day past their code's expiry (a late scan answers 410, not 404), then deleted. */
export const SCENE_KEEP_MS = 24 * 3600_000;
