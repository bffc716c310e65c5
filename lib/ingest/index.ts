export { storeDocument, type DocumentToStore, type StoreResult, type StoredReport } from "./store";
export { readFile, readPastedText, type ReadHints } from "./read";
export { IngestError } from "./errors";
