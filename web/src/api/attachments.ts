import type { Attachment } from '../../../src/contracts/attachments.ts';
import type { Message } from '../../../src/contracts/conversations.ts';
import { api, ApiError } from './client.ts';

export interface UploadHandle {
  done: Promise<Attachment>;
  abort: () => void;
}

function errorFrom(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) return new ApiError(body.error.code ?? 'internal', body.error.message, body.error.details, xhr.status);
  } catch {
    // not JSON
  }
  return new ApiError(xhr.status >= 500 ? 'unavailable' : 'internal', xhr.statusText || `HTTP ${xhr.status}`, undefined, xhr.status);
}

/**
 * Uploads one file as the raw request body (XMLHttpRequest, for upload progress). `onProgress`
 * gets 0..1. The server keeps it for 24 h unless it is sent on a message.
 */
export function uploadAttachment(file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', '/api/v1/attachments');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.total ? e.loaded / e.total : 1);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as Attachment);
      } else reject(errorFrom(xhr));
    };
    xhr.onerror = () => reject(new ApiError('unavailable', 'Network error', undefined, 0));
    xhr.onabort = () => reject(new ApiError('aborted', 'Upload cancelled', undefined, 0));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** A reply or note with files (ids of finished uploads). */
export const postMessageWithAttachments = (conversationId: string, body: { kind: 'reply' | 'note'; text: string; attachmentIds: string[] }) =>
  api.post<Message>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);

/** Inline-safe image types: the only ones shown as a thumbnail. */
export const isPreviewable = (contentType: string) => ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(contentType);
