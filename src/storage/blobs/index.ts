import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { localBlobStore } from './local.ts';
import { s3BlobStore } from './s3.ts';
import type { BlobStore } from './types.ts';

export type { BlobStore, BlobStream, PutOptions } from './types.ts';
export { assertKey, blobKey, BlobKeyError, BlobNotFoundError } from './types.ts';
export { localBlobStore } from './local.ts';
export { s3BlobStore, S3Error } from './s3.ts';

/** The blob store the settings ask for: local disk (DATA_DIR/attachments) unless BLOB_STORE=s3. */
export function blobStoreFromConfig(c: Config): BlobStore {
  if (c.BLOB_STORE === 's3') {
    return s3BlobStore({
      endpoint: c.S3_ENDPOINT,
      region: c.S3_REGION,
      bucket: c.S3_BUCKET!,
      accessKeyId: c.S3_ACCESS_KEY_ID!,
      secretAccessKey: c.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: c.S3_FORCE_PATH_STYLE,
    });
  }
  return localBlobStore(join(c.DATA_DIR, 'attachments'));
}
