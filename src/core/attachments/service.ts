import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import type { Repos } from '../../storage/repos.ts';
import type { AttachmentRow } from '../../storage/attachments.repo.ts';
import { blobKey, BlobNotFoundError, type BlobStream } from '../../storage/blobs/types.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { TooLargeError } from './errors.ts';
import { normalizeContentType, sanitizeFilename } from './files.ts';

export { TooLargeError } from './errors.ts';

/** At most this many files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** An upload not attached to a message within this time is removed. */
export const UNATTACHED_TTL_MS = 24 * 3_600_000;

type Deps = Pick<CoreDeps, 'repos' | 'uow' | 'blobs' | 'clock' | 'newId' | 'settings'>;

export interface UploadInput {
  filename: string;
  contentType: string | undefined;
  data: Readable | Buffer;
  /** The length the client announced (Content-Length), when it did. */
  declaredSize?: number;
}

/** A file checked and stored in the blob store, whose row is not written yet. */
export interface StoredBlob {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/**
 * Streams bytes into the blob store under a new key, counting and hashing them on the way; over
 * the limit the stream is cut and nothing is left stored.
 */
export async function storeBlob(
  d: Pick<Deps, 'blobs' | 'newId' | 'clock'>,
  tenantId: string,
  input: UploadInput,
  maxBytes: number,
  paths: { data: string; filename: string } = { data: 'body', filename: 'filename' },
): Promise<StoredBlob> {
  const path = paths.data;
  const filename = sanitizeFilename(input.filename);
  if (!filename) throw invalid('The file needs a name: send it in the x-filename header or ?filename=', [{ path: paths.filename, message: 'missing or empty after removing path parts and control characters' }]);
  const contentType = normalizeContentType(input.contentType);
  if (input.declaredSize !== undefined && input.declaredSize > maxBytes) throw new TooLargeError(maxBytes, path);
  const id = d.newId();
  const storageKey = blobKey(tenantId, id, d.clock.now());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new TooLargeError(maxBytes, path));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const source = Buffer.isBuffer(input.data) ? Readable.from([input.data]) : input.data;
  const metered = pipeline(source, meter, () => {});
  try {
    await d.blobs.put(storageKey, metered, { contentType, size: input.declaredSize });
  } catch (e) {
    await d.blobs.delete(storageKey).catch(() => {});
    // The meter's own error wins over what the store made of the cut stream.
    if (size > maxBytes) throw new TooLargeError(maxBytes, path);
    throw e;
  }
  return { id, filename, contentType, sizeBytes: size, sha256: hash.digest('hex'), storageKey };
}

export interface InboundFile {
  filename: string;
  contentType?: string;
  data: Buffer;
}

/** Stores an inbound message's files before its transaction; on any failure none is left stored. */
export async function storeInbound(d: Pick<Deps, 'blobs' | 'newId' | 'clock' | 'settings'>, tenantId: string, files: InboundFile[]): Promise<StoredBlob[]> {
  if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) throw invalid(`A message may carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments`, [{ path: 'attachments', message: 'too many' }]);
  const stored: StoredBlob[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const paths = { data: `attachments.${i}.dataBase64`, filename: `attachments.${i}.filename` };
      stored.push(await storeBlob(d, tenantId, { filename: f.filename, contentType: f.contentType, data: f.data, declaredSize: f.data.length }, d.settings.attachmentMaxBytes, paths));
    }
  } catch (e) {
    await discardBlobs(d, stored);
    throw e;
  }
  return stored;
}

/** Removes blobs whose rows were never written (a failed transaction); errors are left to the purge. */
export async function discardBlobs(d: Pick<Deps, 'blobs'>, blobs: StoredBlob[]): Promise<void> {
  await Promise.all(blobs.map((b) => d.blobs.delete(b.storageKey).catch(() => {})));
}

/**
 * Inside a message's transaction: checks that each id is an upload of this tenant not yet on a
 * message (else a 400 naming attachmentIds.<i>), then attaches them all to the message.
 */
/** `visitor`: the widget visitor sending (`<inbox id>:<visitor id>`), who may attach only their own uploads. */
export async function attachUploads(r: Repos, tenantId: string, ids: string[], conversationId: string, messageId: string, visitor?: string): Promise<void> {
  if (ids.length === 0) return;
  if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE) throw invalid(`A message may carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments`, [{ path: 'attachmentIds', message: 'too many' }]);
  const rows = new Map((await r.attachments.lockMany(tenantId, ids)).map((a) => [a.id, a]));
  const seen = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  ids.forEach((id, i) => {
    const a = rows.get(id);
    if (seen.has(id)) problems.push({ path: `attachmentIds.${i}`, message: 'listed twice' });
    else if (!a) problems.push({ path: `attachmentIds.${i}`, message: 'unknown attachment; upload it first' });
    else if (visitor !== undefined && a.uploadedByVisitor !== visitor) problems.push({ path: `attachmentIds.${i}`, message: 'unknown attachment; upload it first' });
    else if (a.messageId) problems.push({ path: `attachmentIds.${i}`, message: 'already attached to another message' });
    seen.add(id);
  });
  if (problems.length) throw invalid(`Attachments can't be added: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  const n = await r.attachments.attach(tenantId, ids, conversationId, messageId);
  if (n !== ids.length) throw invalid('An attachment was attached to another message at the same time; upload it again', [{ path: 'attachmentIds', message: 'changed concurrently' }]);
}

/** Inside an inbound message's transaction: the rows of files stored before it. */
export async function recordInbound(r: Repos, tenantId: string, blobs: StoredBlob[], conversationId: string, messageId: string, at: Date): Promise<void> {
  for (const b of blobs) {
    await r.attachments.insert({ ...b, tenantId, conversationId, messageId, uploadedBy: null, at });
  }
}

/**
 * Removes uploads never attached to a message within a day (rows first, then their blobs, so a
 * row attached meanwhile keeps its file). Returns how many were removed. Run hourly by the jobs.
 */
export async function purgeUnattached(d: Pick<Deps, 'repos' | 'blobs' | 'clock'>, ttlMs = UNATTACHED_TTL_MS): Promise<number> {
  let total = 0;
  for (;;) {
    const gone = await d.repos.attachments.purgeUnattached(new Date(d.clock.now().getTime() - ttlMs), 200);
    await Promise.all(gone.map((g) => d.blobs.delete(g.storageKey).catch(() => {})));
    total += gone.length;
    if (gone.length < 200) return total;
  }
}

/** Uploads and downloads of attachments. */
export function createAttachmentsService(d: Deps) {
  return {
    maxBytes: d.settings.attachmentMaxBytes,

    /** Stores an upload (not yet on a message) and its row; the blob is removed if the row can't be written. */
    async upload(p: Principal, input: UploadInput): Promise<AttachmentRow> {
      const b = await storeBlob(d, p.tenantId, input, d.settings.attachmentMaxBytes);
      const now = d.clock.now();
      try {
        await d.uow(async (r) => {
          await r.attachments.insert({ ...b, tenantId: p.tenantId, conversationId: null, messageId: null, uploadedBy: p.userId, at: now });
          await r.events.append(p.tenantId, [draftEvent(d.newId, {
            type: 'attachment.uploaded', aggregateType: 'attachment', aggregateId: b.id, actorId: p.userId, topics: [`user:${p.userId}`],
            payload: { filename: b.filename, contentType: b.contentType, size: b.sizeBytes, sha256: b.sha256 },
          })], now);
        });
      } catch (e) {
        await discardBlobs(d, [b]);
        throw e;
      }
      return (await d.repos.attachments.byId(p.tenantId, b.id))!;
    },

    async get(p: Principal, id: string): Promise<AttachmentRow> {
      const a = await d.repos.attachments.byId(p.tenantId, id);
      if (!a) throw notFound('Attachment');
      return a;
    },

    /** The row and its bytes. */
    async open(p: Principal, id: string): Promise<{ attachment: AttachmentRow; stream: BlobStream }> {
      const attachment = await this.get(p, id);
      try {
        return { attachment, stream: await d.blobs.get(attachment.storageKey) };
      } catch (e) {
        if (e instanceof BlobNotFoundError) throw notFound("Attachment's file (it is missing from storage)");
        throw e;
      }
    },

    /** Attachments of a page of messages, in one query, by message id. */
    async forMessages(tenantId: string, messageIds: string[]): Promise<Map<string, AttachmentRow[]>> {
      const byMessage = new Map<string, AttachmentRow[]>();
      for (const a of await d.repos.attachments.forMessages(tenantId, messageIds)) {
        byMessage.set(a.messageId!, [...(byMessage.get(a.messageId!) ?? []), a]);
      }
      return byMessage;
    },
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
