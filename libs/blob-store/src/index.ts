export * from './blob-store.port';
export * from './file-blob-store';
export * from './create-blob-store';
// The GridFS adapter is loaded lazily by createBlobStore (the embedded default never loads the driver).
export * from './content-sniffing';
export * from './attachment-policy';
